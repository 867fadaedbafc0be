import Foundation
import SibylTestSupport
import Yams

/// A parsed YAML value with lenient navigation, for checking deployment files: a missing key or a wrong kind
/// reads as an empty value instead of trapping.
struct YAMLValue {
    let value: Any?

    init(_ value: Any?) {
        self.value = value
    }

    /// Parses one YAML document.
    static func parse(_ text: String) throws -> YAMLValue {
        YAMLValue(try Yams.load(yaml: text))
    }

    /// Parses the YAML document of a file.
    static func load(_ file: URL) throws -> YAMLValue {
        try parse(String(contentsOf: file, encoding: .utf8))
    }

    /// Parses every document of a YAML stream.
    static func loadAll(_ file: URL) throws -> [YAMLValue] {
        Array(try Yams.load_all(yaml: String(contentsOf: file, encoding: .utf8))).map(YAMLValue.init)
    }

    subscript(key: String) -> YAMLValue {
        if let mapping = value as? [AnyHashable: Any] { return YAMLValue(mapping[AnyHashable(key)]) }
        if let mapping = value as? [String: Any] { return YAMLValue(mapping[key]) }
        return YAMLValue(nil)
    }

    var array: [YAMLValue] { (value as? [Any])?.map(YAMLValue.init) ?? [] }

    var keys: [String] {
        if let mapping = value as? [AnyHashable: Any] { return mapping.keys.compactMap { $0.base as? String }.sorted() }
        if let mapping = value as? [String: Any] { return mapping.keys.sorted() }
        return []
    }

    var string: String? {
        switch value {
        case let text as String: text
        case let number as Int: String(number)
        default: nil
        }
    }

    var int: Int? {
        switch value {
        case let number as Int: number
        case let text as String: Int(text)
        default: nil
        }
    }

    var bool: Bool? { value as? Bool }

    var strings: [String] { array.compactMap(\.string) }

    var isMissing: Bool { value == nil }
}
