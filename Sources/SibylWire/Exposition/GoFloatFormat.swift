/// Writes a `Double` exactly as Go's `strconv.FormatFloat(v, 'g', -1, 64)` does.
///
/// That is the shortest decimal that reads back as the same `Double`, in `%e` form when the decimal exponent is
/// below -4 or at least 6 (`1.7047408e+07`, `4.2774e-05`, `1e+06`) and in `%f` form otherwise (`123456`, `0.0001`),
/// with at least two exponent digits, and `NaN`, `+Inf`, `-Inf`, `-0` for the special values.
public enum GoFloatFormat {
    /// Appends the Go rendering of `value` to `buffer`.
    /// - Parameters:
    ///   - value: the number.
    ///   - buffer: the bytes to append to.
    public static func append(_ value: Double, to buffer: inout [UInt8]) {
        if value.isNaN {
            buffer.append(contentsOf: "NaN".utf8)
            return
        }
        if value.isInfinite {
            buffer.append(contentsOf: value < 0 ? "-Inf".utf8 : "+Inf".utf8)
            return
        }
        if value.sign == .minus {
            buffer.append(UInt8(ascii: "-"))
        }
        let magnitude = value.magnitude
        if magnitude == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            let (count, point) = shortestDigits(of: magnitude, into: digits)
            appendFormatted(digits: UnsafeBufferPointer(rebasing: digits[..<count]), point: point, to: &buffer)
        }
    }

    /// The Go rendering of `value` as a string.
    /// - Parameter value: the number.
    /// - Returns: text such as `1.7047408e+07`.
    public static func string(_ value: Double) -> String {
        var buffer: [UInt8] = []
        append(value, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Writes the shortest round-trip decimal digits of a finite positive `magnitude` (no leading or trailing
    /// zeros) and returns their count and the decimal point position: `magnitude = 0.d₁d₂…dₙ × 10^point`.
    private static func shortestDigits(
        of magnitude: Double,
        into digits: UnsafeMutableBufferPointer<UInt8>
    ) -> (count: Int, point: Int) {
        if magnitude < 0x1p53, Double(UInt64(magnitude)) == magnitude {
            // Integers below 2^53 are exact, and their own digits are the shortest.
            var integer = UInt64(magnitude)
            var count = 0
            while integer > 0 {
                digits[count] = UInt8(ascii: "0") + UInt8(integer % 10)
                integer /= 10
                count += 1
            }
            let point = count
            var low = 0
            var high = count - 1
            while low < high {
                digits.swapAt(low, high)
                low += 1
                high -= 1
            }
            while count > 1, digits[count - 1] == UInt8(ascii: "0") {
                count -= 1
            }
            return (count, point)
        }
        // The standard library's description is the shortest round-trip (and closest) decimal, like Go's Ryu.
        var text = magnitude.description
        return text.withUTF8 { utf8 in parseDecimal(utf8, into: digits) }
    }

    /// Reads `123.45`, `0.00123` or `1.5e+20` into significant digits and a decimal point position.
    private static func parseDecimal(
        _ text: UnsafeBufferPointer<UInt8>,
        into digits: UnsafeMutableBufferPointer<UInt8>
    ) -> (count: Int, point: Int) {
        var count = 0
        var point = 0
        var pointSeen = false
        var position = 0
        while position < text.count {
            let byte = text[position]
            if byte == UInt8(ascii: ".") {
                pointSeen = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if count == 0 && byte == UInt8(ascii: "0") {
                    point -= pointSeen ? 1 : 0
                } else if count < digits.count {
                    digits[count] = byte
                    count += 1
                    point += pointSeen ? 0 : 1
                }
            } else {
                break
            }
            position += 1
        }
        if position < text.count {
            // `e`, an optional sign, then the exponent's digits.
            position += 1
            var negative = false
            if position < text.count, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
                negative = text[position] == UInt8(ascii: "-")
                position += 1
            }
            var exponent = 0
            while position < text.count, text[position] >= UInt8(ascii: "0"), text[position] <= UInt8(ascii: "9") {
                exponent = exponent * 10 + Int(text[position] - UInt8(ascii: "0"))
                position += 1
            }
            point += negative ? -exponent : exponent
        }
        while count > 1, digits[count - 1] == UInt8(ascii: "0") {
            count -= 1
        }
        return (count, point)
    }

    /// Writes digits `0.d₁…dₙ × 10^point` in Go's shortest `%g` layout.
    private static func appendFormatted(digits: UnsafeBufferPointer<UInt8>, point: Int, to buffer: inout [UInt8]) {
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            buffer.append(digits[0])
            if digits.count > 1 {
                buffer.append(UInt8(ascii: "."))
                buffer.append(contentsOf: digits[1...])
            }
            buffer.append(UInt8(ascii: "e"))
            buffer.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = exponent.magnitude
            if magnitude >= 100 {
                buffer.append(UInt8(ascii: "0") + UInt8(magnitude / 100))
            }
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude / 10 % 10))
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            return
        }
        if point > 0 {
            let integerDigits = min(digits.count, point)
            buffer.append(contentsOf: digits[..<integerDigits])
            if point > digits.count {
                buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point - digits.count))
            }
        } else {
            buffer.append(UInt8(ascii: "0"))
        }
        let fractionDigits = max(digits.count - point, 0)
        if fractionDigits > 0 {
            buffer.append(UInt8(ascii: "."))
            for offset in 0..<fractionDigits {
                let index = point + offset
                buffer.append(index >= 0 && index < digits.count ? digits[index] : UInt8(ascii: "0"))
            }
        }
    }
}
