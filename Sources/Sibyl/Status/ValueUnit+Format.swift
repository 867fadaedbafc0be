import Foundation

extension ValueUnit {
    /// The binary prefixes of bytes, from 1024¹ on.
    private static let binaryPrefixes = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    /// The SI prefixes of plain numbers, from 1000¹ on.
    private static let decimalPrefixes = ["k", "M", "G", "T", "P", "E"]

    /// `value` scaled to the unit, to three significant digits by default: `2770000000` bytes is `2.58 GiB`, `5400`
    /// seconds `1h 30m`, a ratio of `0.973` is `97.3 %`; NaN and ±∞ as Prometheus writes them.
    /// - Parameters:
    ///   - value: the value, in the base unit.
    ///   - digits: the significant digits of the scaled number (durations of a minute or more are in whole
    ///     seconds, minutes or hours).
    /// - Returns: the short text.
    package func format(_ value: Double, digits: Int = 3) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value < 0 { return "−" + format(-value, digits: digits) }
        switch self {
        case .plain: return Self.decimal(value, digits)
        case .bytes: return Self.binary(value, digits)
        case .seconds: return Self.duration(value, digits)
        case .ratio: return Self.significant(value * 100, digits) + " %"
        case .bytesPerSecond: return Self.binary(value, digits) + "/s"
        case .perSecond: return Self.decimal(value, digits) + "/s"
        }
    }

    /// The fewest significant digits, from three to eight, at which the different `values` read differently:
    /// a range of 0.97 to 0.9701 is `97 %` to `97.01 %`, not twice `97 %`.
    /// - Parameter values: values shown side by side.
    /// - Returns: the digits to pass to ``format(_:digits:)``.
    package func digitsTellingApart(_ values: [Double]) -> Int {
        let distinct = Set(values).count
        var digits = 3
        while digits < 8, Set(values.map { format($0, digits: digits) }).count < distinct { digits += 1 }
        return digits
    }

    /// Bytes in powers of 1024: `512 B`, `64 MiB`, `2.58 GiB`.
    private static func binary(_ bytes: Double, _ digits: Int) -> String {
        var scaled = bytes
        var prefix: String?
        for candidate in binaryPrefixes where scaled >= 1024 {
            scaled /= 1024
            prefix = candidate
        }
        return significant(scaled, digits) + " " + (prefix ?? "B")
    }

    /// A plain number, with an SI prefix from 10,000 on: `1234`, `12.3k`, `2.77G`; tiny ones in scientific
    /// notation.
    private static func decimal(_ number: Double, _ digits: Int) -> String {
        guard number >= 10_000 else {
            return number != 0 && number < 0.001
                ? String(format: "%.\(digits)g", number) : significant(number, digits)
        }
        var scaled = number
        var prefix = ""
        for candidate in decimalPrefixes where scaled >= 1000 {
            scaled /= 1000
            prefix = candidate
        }
        return significant(scaled, digits) + prefix
    }

    /// Seconds as a duration: `250 ms`, `12.5 s`, `4m 40s`, `1h 30m`, `2d 3h`.
    private static func duration(_ seconds: Double, _ digits: Int) -> String {
        if seconds == 0 { return "0 s" }
        if seconds < 0.001 { return significant(seconds * 1_000_000, digits) + " µs" }
        if seconds < 1 { return significant(seconds * 1000, digits) + " ms" }
        if seconds < 60 { return significant(seconds, digits) + " s" }
        func pair(_ total: Double, _ size: Double, _ unit: String, _ smallUnit: String, _ smallSize: Double) -> String {
            let rounded = Int64((total / smallSize).rounded())
            let perUnit = Int64(size / smallSize)
            let (whole, rest) = rounded.quotientAndRemainder(dividingBy: perUnit)
            return rest == 0 ? "\(whole)\(unit)" : "\(whole)\(unit) \(rest)\(smallUnit)"
        }
        if seconds < 3600 { return pair(seconds, 60, "m", "s", 1) }
        if seconds < 86_400 { return pair(seconds, 3600, "h", "m", 60) }
        return pair(seconds, 86_400, "d", "h", 3600)
    }

    /// A non-negative number to `digits` significant digits (more for integers), without trailing zeros: `2.58`,
    /// `64`, `97.3`, `1024`.
    static func significant(_ number: Double, _ digits: Int = 3) -> String {
        guard number != 0 else { return "0" }
        let decimals = max(0, digits - 1 - Int(floor(log10(number))))
        var text = String(format: "%.\(decimals)f", number)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
