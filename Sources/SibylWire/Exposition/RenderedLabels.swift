/// A series' label set, validated, sorted by name and rendered once as `{a="x",b="y"}`.
///
/// Build it once per series and reuse it every cycle, so that writing the exposition only formats values.
/// Labels with an empty value are dropped, because Prometheus treats them as absent. Sets order as Prometheus
/// orders them: label by label, name then value by bytes, a prefix first.
///
/// Names may be any non-empty UTF-8 (Prometheus 3). A set holding names that are not legacy label names is rendered
/// twice: with the names escaped (``NameEscaping/underscores``, labels sorted by their escaped names) and with them
/// quoted (``NameEscaping/allowUTF8``); a set of legacy names is rendered once. Two names that escape to the same
/// name are refused like a repeated name, so that neither rendering can repeat a label.
public struct RenderedLabels: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One label: a name and a value.
    public struct Label: Sendable, Hashable {
        /// The label name.
        public let name: String
        /// The label value (never empty).
        public let value: String
    }

    /// The labels, sorted by name.
    public let labels: [Label]
    /// `{a="x",b="y"}` with escaped values and names escaped by ``NameEscaping/underscores``, or nothing for an
    /// empty set.
    let bytes: [UInt8]
    /// `{"a.b"="x"}`, names as they are and quoted where they are not legacy names; `nil` when every name is a
    /// legacy name (the rendering is then ``bytes``).
    let quotedBytes: [UInt8]?

    /// The empty label set.
    public static let empty = RenderedLabels(sortedLabels: [])

    /// Validates and renders a label set.
    /// - Parameter labels: the labels, in any order.
    /// - Throws: ``ExpositionError`` for an empty, reserved (`__…`, also once escaped) or repeated label name, or
    ///   two names that escape to the same name.
    public init(_ labels: [(name: String, value: String)]) throws(ExpositionError) {
        var checked: [Label] = []
        checked.reserveCapacity(labels.count)
        var legacy = true
        for (name, value) in labels {
            try Self.validate(name)
            legacy = legacy && NameEscaping.isLegacyLabelName(name)
            checked.append(Label(name: name, value: value))
        }
        checked.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for index in checked.indices.dropFirst() where checked[index].name == checked[index - 1].name {
            throw ExpositionError(.duplicateLabelName, "duplicate label name \"\(checked[index].name)\"")
        }
        if !legacy {
            var seen: [String: String] = [:]
            for label in checked {
                let escaped = NameEscaping.underscoreEscaped(label.name)
                if let other = seen.updateValue(label.name, forKey: escaped) {
                    throw ExpositionError(
                        .duplicateLabelName,
                        "label names \(String(reflecting: other)) and \(String(reflecting: label.name)) both escape "
                            + "to \"\(escaped)\"")
                }
            }
        }
        self.init(sortedLabels: checked.filter { !$0.value.isEmpty })
    }

    /// Validates and renders a label set given as a dictionary.
    /// - Parameter labels: label values by name.
    /// - Throws: ``ExpositionError`` as ``init(_:)-([(name:String,value:String)])`` does.
    public init(_ labels: [String: String]) throws(ExpositionError) {
        try self.init(labels.map { (name: $0.key, value: $0.value) })
    }

    private init(sortedLabels: [Label]) {
        labels = sortedLabels
        guard !sortedLabels.allSatisfy({ NameEscaping.isLegacyLabelName($0.name) }) else {
            bytes = Self.render(sortedLabels.map { (name: $0.name, value: $0.value) }, quoting: false)
            quotedBytes = nil
            return
        }
        let escaped = sortedLabels.map { (name: NameEscaping.underscoreEscaped($0.name), value: $0.value) }
        bytes = Self.render(escaped.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }, quoting: false)
        quotedBytes = Self.render(sortedLabels.map { (name: $0.name, value: $0.value) }, quoting: true)
    }

    /// `{a="x",b="y"}`, names quoted where they are not legacy names when `quoting`.
    private static func render(_ labels: [(name: String, value: String)], quoting: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        guard !labels.isEmpty else { return bytes }
        bytes.append(UInt8(ascii: "{"))
        for (position, label) in labels.enumerated() {
            if position > 0 {
                bytes.append(UInt8(ascii: ","))
            }
            if quoting, !NameEscaping.isLegacyLabelName(label.name) {
                bytes.append(UInt8(ascii: "\""))
                ExpositionWriter.appendEscapedLabelValue(label.name, to: &bytes)
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: label.name.utf8)
            }
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            ExpositionWriter.appendEscapedLabelValue(label.value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// The rendering for `escaping`.
    func bytes(for escaping: NameEscaping) -> [UInt8] {
        escaping == .allowUTF8 ? quotedBytes ?? bytes : bytes
    }

    /// Whether a name is not a legacy label name, so that the two renderings differ.
    public var hasUTF8Names: Bool { quotedBytes != nil }

    /// This set plus more labels, such as a source series' labels plus `window="1h"`.
    /// - Parameter more: labels to add.
    /// - Returns: the combined, re-rendered set.
    /// - Throws: ``ExpositionError`` for an invalid, reserved or repeated label name.
    public func adding(_ more: [(name: String, value: String)]) throws(ExpositionError) -> RenderedLabels {
        try RenderedLabels(labels.map { (name: $0.name, value: $0.value) } + more)
    }

    /// The rendered text with the names as they are, `{a="x","b.c"="y"}` (empty for no labels).
    public var description: String { String(decoding: quotedBytes ?? bytes, as: UTF8.self) }

    /// Whether two sets hold the same labels.
    /// - Parameters:
    ///   - lhs: a set.
    ///   - rhs: another set.
    /// - Returns: `true` when equal.
    public static func == (lhs: RenderedLabels, rhs: RenderedLabels) -> Bool {
        (lhs.quotedBytes ?? lhs.bytes) == (rhs.quotedBytes ?? rhs.bytes)
    }

    /// Hashes the rendered labels.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(quotedBytes ?? bytes)
    }

    /// Prometheus' label-set order: label by label, name then value by bytes; a prefix sorts first.
    /// - Parameters:
    ///   - lhs: a set.
    ///   - rhs: another set.
    /// - Returns: whether `lhs` sorts first.
    public static func < (lhs: RenderedLabels, rhs: RenderedLabels) -> Bool {
        for (left, right) in zip(lhs.labels, rhs.labels) {
            if !left.name.utf8.elementsEqual(right.name.utf8) {
                return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
            }
            if !left.value.utf8.elementsEqual(right.value.utf8) {
                return left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
            }
        }
        return lhs.labels.count < rhs.labels.count
    }

    /// Refuses an empty name and the reserved `__` prefix, of the name or of its escaped form.
    private static func validate(_ name: String) throws(ExpositionError) {
        guard !name.isEmpty else {
            throw ExpositionError(.invalidLabelName, "invalid label name \"\" (empty)")
        }
        if name.utf8.starts(with: "__".utf8) {
            throw ExpositionError(.reservedLabelName, "label name \"\(name)\" is reserved (starts with \"__\")")
        }
        let escaped = NameEscaping.underscoreEscaped(name)
        if escaped.utf8.starts(with: "__".utf8) {
            throw ExpositionError(
                .reservedLabelName,
                "label name \(String(reflecting: name)) escapes to \"\(escaped)\", which is reserved (starts with \"__\")"
            )
        }
    }
}
