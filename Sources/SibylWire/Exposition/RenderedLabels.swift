/// A series' label set, validated, sorted by name and rendered once as `{a="x",b="y"}`.
///
/// Build it once per series and reuse it every cycle, so that writing the exposition only formats values.
/// Labels with an empty value are dropped, because Prometheus treats them as absent. Sets order as Prometheus
/// orders them: label by label, name then value by bytes, a prefix first.
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
    /// `{a="x",b="y"}` with escaped values, or nothing for an empty set.
    let bytes: [UInt8]

    /// The empty label set.
    public static let empty = RenderedLabels(sortedLabels: [])

    /// Validates and renders a label set.
    /// - Parameter labels: the labels, in any order.
    /// - Throws: ``ExpositionError`` for an invalid, reserved (`__…`) or repeated label name.
    public init(_ labels: [(name: String, value: String)]) throws(ExpositionError) {
        var checked: [Label] = []
        checked.reserveCapacity(labels.count)
        for (name, value) in labels {
            try Self.validate(name)
            checked.append(Label(name: name, value: value))
        }
        checked.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for index in checked.indices.dropFirst() where checked[index].name == checked[index - 1].name {
            throw ExpositionError(.duplicateLabelName, "duplicate label name \"\(checked[index].name)\"")
        }
        self.init(sortedLabels: checked.filter { !$0.value.isEmpty })
    }

    /// Validates and renders a label set given as a dictionary.
    /// - Parameter labels: label values by name.
    /// - Throws: ``ExpositionError`` for an invalid or reserved (`__…`) label name.
    public init(_ labels: [String: String]) throws(ExpositionError) {
        try self.init(labels.map { (name: $0.key, value: $0.value) })
    }

    private init(sortedLabels: [Label]) {
        labels = sortedLabels
        var bytes: [UInt8] = []
        if !sortedLabels.isEmpty {
            bytes.append(UInt8(ascii: "{"))
            for (position, label) in sortedLabels.enumerated() {
                if position > 0 {
                    bytes.append(UInt8(ascii: ","))
                }
                bytes.append(contentsOf: label.name.utf8)
                bytes.append(UInt8(ascii: "="))
                bytes.append(UInt8(ascii: "\""))
                ExpositionWriter.appendEscapedLabelValue(label.value, to: &bytes)
                bytes.append(UInt8(ascii: "\""))
            }
            bytes.append(UInt8(ascii: "}"))
        }
        self.bytes = bytes
    }

    /// This set plus more labels, such as a source series' labels plus `window="1h"`.
    /// - Parameter more: labels to add.
    /// - Returns: the combined, re-rendered set.
    /// - Throws: ``ExpositionError`` for an invalid, reserved or repeated label name.
    public func adding(_ more: [(name: String, value: String)]) throws(ExpositionError) -> RenderedLabels {
        try RenderedLabels(labels.map { (name: $0.name, value: $0.value) } + more)
    }

    /// The rendered text, `{a="x",b="y"}` (empty for no labels).
    public var description: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether two sets hold the same labels.
    /// - Parameters:
    ///   - lhs: a set.
    ///   - rhs: another set.
    /// - Returns: `true` when equal.
    public static func == (lhs: RenderedLabels, rhs: RenderedLabels) -> Bool {
        lhs.bytes == rhs.bytes
    }

    /// Hashes the rendered labels.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes)
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

    /// Checks `[a-zA-Z_][a-zA-Z0-9_]*` and the reserved `__` prefix.
    private static func validate(_ name: String) throws(ExpositionError) {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), MetricName.isNameStart(first) else {
            throw ExpositionError(.invalidLabelName, "invalid label name \(String(reflecting: name))")
        }
        while let byte = bytes.next() {
            guard MetricName.isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) else {
                throw ExpositionError(.invalidLabelName, "invalid label name \(String(reflecting: name))")
            }
        }
        if name.utf8.starts(with: "__".utf8) {
            throw ExpositionError(.reservedLabelName, "label name \"\(name)\" is reserved (starts with \"__\")")
        }
    }
}
