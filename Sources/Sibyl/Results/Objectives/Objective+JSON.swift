package import Foundation
import SibylWire

extension Objective: Codable {
    /// Decodes an objective from a JSON object, strictly: unknown fields and values of the wrong type are errors.
    /// - Throws: ``ObjectiveError`` naming the field at fault (the read-only `origin` and `location` of API
    ///   responses are ignored).
    package init(from decoder: any Decoder) throws {
        self = try ObjectiveDocument(from: decoder).objective()
    }

    /// Encodes the objective's fields; absent optional fields are left out, the selector is canonical PromQL text
    /// and windows are Prometheus durations.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(name, forKey: FieldKey("name"))
        try container.encode(selector.description, forKey: FieldKey("selector"))
        try container.encodeIfPresent(min, forKey: FieldKey("min"))
        try container.encodeIfPresent(max, forKey: FieldKey("max"))
        try container.encodeIfPresent(transform?.rawValue, forKey: FieldKey("transform"))
        try container.encodeIfPresent(divideBy?.description, forKey: FieldKey("divide_by"))
        try container.encodeIfPresent(windows?.map(\.description), forKey: FieldKey("windows"))
        try container.encodeIfPresent(description, forKey: FieldKey("description"))
        try container.encodeIfPresent(budget?.target, forKey: FieldKey("target"))
        try container.encodeIfPresent(budget?.periodText, forKey: FieldKey("period"))
        try container.encodeIfPresent(ratio.map(RatioDocument.init), forKey: FieldKey("ratio"))
        try container.encodeIfPresent(latency.map(LatencyDocument.init), forKey: FieldKey("latency"))
        if !by.isEmpty { try container.encode(by, forKey: FieldKey("by")) }
    }

    /// Decodes one objective from a JSON body.
    /// - Parameters:
    ///   - json: the body.
    ///   - name: the name to use when the body has none (the URL's); when both are given they must agree.
    /// - Returns: the objective.
    /// - Throws: ``ObjectiveError`` naming the field at fault, or the place where the JSON is malformed.
    package static func decode(json: Data, name: String? = nil) throws(ObjectiveError) -> Objective {
        let document: ObjectiveDocument
        do {
            document = try JSONDecoder().decode(ObjectiveDocument.self, from: json)
        } catch let error as ObjectiveError {
            throw error
        } catch {
            throw ObjectiveError(.invalidBody, field: "", "the body is not valid JSON")
        }
        return try document.objective(name: name)
    }
}
