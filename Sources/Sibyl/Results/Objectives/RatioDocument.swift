import SibylWire

/// A ratio objective's `ratio` as a JSON body (or the archive's `ratio` column) holds it:
/// `{"errors": "…", "total": "…"}` or `{"good": "…", "total": "…"}`, unknown fields rejected and every mistake named
/// `ratio.<field>`.
struct RatioDocument: Codable, Hashable {
    /// The fields of a ratio.
    static let fields = ["errors", "good", "total"]

    var errors: String?
    var good: String?
    var total: String?

    /// Creates a document from its fields.
    init(errors: String? = nil, good: String? = nil, total: String?) {
        self.errors = errors
        self.good = good
        self.total = total
    }

    /// The document of an indicator, with canonical selector text.
    init(_ indicator: RatioIndicator) {
        self.init(total: indicator.total.description)
        switch indicator.counted {
        case .errors: errors = indicator.events.description
        case .good: good = indicator.events.description
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try ObjectiveDocument.nestedObject(
            decoder, field: "ratio", fields: Self.fields, example: "{\"errors\": \"…\", \"total\": \"…\"}")
        errors = try ObjectiveDocument.value(
            String.self, "errors", in: container, expected: "a series selector", path: "ratio.errors")
        good = try ObjectiveDocument.value(
            String.self, "good", in: container, expected: "a series selector", path: "ratio.good")
        total = try ObjectiveDocument.value(
            String.self, "total", in: container, expected: "a series selector", path: "ratio.total")
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encodeIfPresent(errors, forKey: FieldKey("errors"))
        try container.encodeIfPresent(good, forKey: FieldKey("good"))
        try container.encodeIfPresent(total, forKey: FieldKey("total"))
    }

    /// The indicator: `total` and exactly one of `errors` and `good`, each a series selector.
    /// - Throws: ``ObjectiveError`` naming `ratio` or the field at fault.
    func indicator() throws(ObjectiveError) -> RatioIndicator {
        guard let total else { throw ObjectiveError(.missingField, field: "ratio.total", "required") }
        let counted: RatioIndicator.Counted
        let events: String
        switch (errors, good) {
        case (nil, nil):
            throw ObjectiveError(.missingField, field: "ratio", "one of \"errors\" and \"good\" is required")
        case (.some, .some):
            throw ObjectiveError(.invalidIndicator, field: "ratio", "give errors or good, not both")
        case (.some(let text), nil):
            (counted, events) = (.errors, text)
        case (nil, .some(let text)):
            (counted, events) = (.good, text)
        }
        return RatioIndicator(
            counted: counted, events: try ObjectiveDocument.selector(events, field: "ratio.\(counted.rawValue)"),
            total: try ObjectiveDocument.selector(total, field: "ratio.total"))
    }
}
