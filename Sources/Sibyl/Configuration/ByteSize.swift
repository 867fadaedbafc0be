/// A size in bytes, written as Prometheus writes `--storage.tsdb.retention.size`: `512MB`, `2GB`, `512MiB`, or a
/// plain integer of bytes.
///
/// Units are `B`, `KB`, `MB`, `GB`, `TB`, `PB` and `EB`, each a power of 1024 as in Prometheus (so `1KB` is 1024
/// bytes), with `KiB`, `MiB`, `GiB`, `TiB`, `PiB` and `EiB` as their unambiguous spellings; one integer and one
/// unit, no spaces or fractions.
package struct ByteSize: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The size in bytes.
    package var bytes: Int64

    /// Creates a size from bytes.
    /// - Parameter bytes: the size.
    package init(bytes: Int64) {
        self.bytes = bytes
    }

    private static let units: [(String, Int64)] = [
        ("B", 1), ("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30), ("TB", 1 << 40), ("PB", 1 << 50),
        ("EB", 1 << 60), ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40), ("PiB", 1 << 50),
        ("EiB", 1 << 60),
    ]

    /// Parses `512MB`, `2GiB` or `1048576`.
    /// - Parameter text: the size.
    /// - Returns: `nil` when the text is not a size or does not fit in 63 bits.
    package init?(parsing text: String) {
        let digits = text.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        guard let number = Int64(String(decoding: digits, as: UTF8.self)) else { return nil }
        let unit = String(decoding: text.utf8.dropFirst(digits.count), as: UTF8.self)
        let scale: Int64
        if unit.isEmpty {
            scale = 1
        } else if let known = Self.units.first(where: { $0.0 == unit }) {
            scale = known.1
        } else {
            return nil
        }
        let (product, overflow) = number.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        bytes = product
    }

    /// Orders by size.
    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.bytes < rhs.bytes }

    /// The largest exact unit: `512MiB`, `1500B`.
    package var description: String {
        for (unit, scale) in Self.units.reversed() where unit.hasSuffix("iB") || unit == "B" {
            if bytes != 0, bytes % scale == 0 { return "\(bytes / scale)\(unit)" }
        }
        return "\(bytes)B"
    }
}
