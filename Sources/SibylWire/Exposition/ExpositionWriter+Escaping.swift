extension ExpositionWriter {
    /// Appends a label value with `\` → `\\`, `"` → `\"` and line feed → `\n`; all other UTF-8 is raw.
    static func appendEscapedLabelValue(_ value: String, to buffer: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case UInt8(ascii: "\n"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "n"))
            default:
                buffer.append(byte)
            }
        }
    }

    /// Appends HELP text with `\` → `\\` and line feed → `\n` only (a `\"` would be an error in HELP).
    static func appendEscapedHelp(_ help: String, to buffer: inout [UInt8]) {
        for byte in help.utf8 {
            switch byte {
            case UInt8(ascii: "\\"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case UInt8(ascii: "\n"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "n"))
            default:
                buffer.append(byte)
            }
        }
    }
}
