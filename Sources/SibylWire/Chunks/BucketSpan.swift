/// A run of consecutive buckets of a native histogram: its gap to the previous span's end (or, for the first span,
/// its starting bucket index) and how many buckets it holds.
public struct BucketSpan: Sendable, Hashable {
    /// The gap to the previous span, or the index of the first bucket for the first span (may be negative).
    public var offset: Int32
    /// The number of consecutive buckets.
    public var length: UInt32

    /// Creates a span.
    public init(offset: Int32, length: UInt32) {
        self.offset = offset
        self.length = length
    }
}
