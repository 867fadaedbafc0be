import Foundation
import SibylWire

/// A label set's canonical text in the archive: a JSON object with the names in byte order.
///
/// `{"instance":"a:9100","metric":"node_load1","window":"1h"}`: no spaces; `"` and `\` escaped with a backslash,
/// the other characters below U+0020 as `\u00xx`, everything else as is (UTF-8). One label set has one text, so the
/// text identifies a series, and SQLite's JSON functions read it (`json_extract(labels, '$.window')`).
enum ArchivedLabels {
    /// The canonical text of a label set.
    /// - Parameter labels: the labels (already sorted by name).
    /// - Returns: the JSON object.
    static func text(_ labels: RenderedLabels) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (position, label) in labels.labels.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            append(label.name, to: &out)
            out.append(UInt8(ascii: ":"))
            append(label.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The label set of a canonical text.
    /// - Parameter text: a JSON object of strings.
    /// - Returns: the labels, or `nil` when the text is not such an object or a name is not a valid label name.
    static func labels(_ text: String) -> RenderedLabels? {
        guard let object = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else { return nil }
        return try? RenderedLabels(object)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func append(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
