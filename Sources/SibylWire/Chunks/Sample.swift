/// One float sample: a timestamp in Unix milliseconds and a value whose bits are kept exactly.
///
/// Equality compares the value's bit pattern, so NaN equals the same NaN, a stale
/// marker differs from an ordinary NaN, and −0.0 differs from +0.0.
public struct Sample: Sendable, Hashable, CustomStringConvertible {
    /// The bit pattern Prometheus uses for a staleness marker (`0x7ff0000000000002`).
    public static let staleNaNBits: UInt64 = 0x7ff0_0000_0000_0002
    /// A staleness marker value.
    public static let staleNaN = Double(bitPattern: staleNaNBits)

    /// Milliseconds since the Unix epoch.
    public var timestamp: Int64
    /// The value, bit-exact as read.
    public var value: Double

    /// Creates a sample.
    /// - Parameters:
    ///   - timestamp: milliseconds since the Unix epoch.
    public init(timestamp: Int64, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }

    /// Whether this sample is a staleness marker (the end of a series, not a value).
    public var isStaleMarker: Bool { value.bitPattern == Self.staleNaNBits }

    /// Compares timestamps and value bit patterns.
    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.timestamp == rhs.timestamp && lhs.value.bitPattern == rhs.value.bitPattern
    }

    /// Hashes the timestamp and the value's bit pattern.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timestamp)
        hasher.combine(value.bitPattern)
    }

    /// `timestamp:value` with the value's bits in hex when it is NaN.
    public var description: String {
        value.isNaN ? "\(timestamp):NaN(0x\(String(value.bitPattern, radix: 16)))" : "\(timestamp):\(value)"
    }
}
