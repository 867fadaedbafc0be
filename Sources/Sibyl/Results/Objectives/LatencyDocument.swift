import SibylWire

/// A latency objective's `latency` as a JSON body (or the archive's `latency` column) holds it:
/// `{"histogram": "…", "threshold": 0.3}`, unknown fields rejected and every mistake named `latency.<field>`.
struct LatencyDocument: Codable, Hashable {
    /// The fields of a latency indicator.
    static let fields = ["histogram", "threshold"]

    var histogram: String?
    var threshold: Double?

    /// Creates a document from its fields.
    init(histogram: String?, threshold: Double?) {
        self.histogram = histogram
        self.threshold = threshold
    }

    /// The document of an indicator, with canonical selector text.
    init(_ indicator: LatencyIndicator) {
        self.init(histogram: indicator.histogram.description, threshold: indicator.threshold)
    }

    init(from decoder: any Decoder) throws {
        let container = try ObjectiveDocument.nestedObject(
            decoder, field: "latency", fields: Self.fields, example: "{\"histogram\": \"…\", \"threshold\": 0.3}")
        histogram = try ObjectiveDocument.value(
            String.self, "histogram", in: container, expected: "a series selector", path: "latency.histogram")
        threshold = try ObjectiveDocument.value(
            Double.self, "threshold", in: container, expected: "a number", path: "latency.threshold")
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encodeIfPresent(histogram, forKey: FieldKey("histogram"))
        try container.encodeIfPresent(threshold, forKey: FieldKey("threshold"))
    }

    /// The indicator: a `histogram` selector and a finite `threshold`.
    /// - Throws: ``ObjectiveError`` naming the field at fault.
    func indicator() throws(ObjectiveError) -> LatencyIndicator {
        guard let histogram else { throw ObjectiveError(.missingField, field: "latency.histogram", "required") }
        guard let threshold else { throw ObjectiveError(.missingField, field: "latency.threshold", "required") }
        let selector = try ObjectiveDocument.selector(histogram, field: "latency.histogram")
        do {
            return try LatencyIndicator(histogram: selector, threshold: threshold)
        } catch {
            throw ObjectiveError(error.code, field: "latency.\(error.field)", error.message)
        }
    }
}
