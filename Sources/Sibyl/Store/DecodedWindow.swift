/// Room for the decoded samples of one window, timestamps and values apart as the analyses take them, that a worker
/// reuses from one series to the next: after the first few series, decoding a window allocates nothing.
package struct DecodedWindow: Sendable {
    /// The window's timestamps, oldest first.
    package private(set) var timestamps: [Int64] = []
    /// One value per timestamp.
    package private(set) var values: [Double] = []

    /// Creates empty room.
    package init() {}

    /// Forgets the samples and makes room for `count`, keeping the storage.
    mutating func reset(reserving count: Int) {
        timestamps.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        timestamps.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    @inline(__always)
    mutating func append(_ timestamp: Int64, _ value: Double) {
        timestamps.append(timestamp)
        values.append(value)
    }
}
