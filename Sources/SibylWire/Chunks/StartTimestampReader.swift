/// Reads the start timestamps (ST) that XOR2 and the `*_ST` histogram chunks carry after their samples
/// (Prometheus `tsdb/chunkenc/st.go`; the layout is described in Tests/Fixtures/prometheus-chunks/README.md §7).
///
/// The chunk's third byte says whether sample 0 has an ST (bit 7) and from which sample on (bits 6-0) every sample
/// carries one; before that sample the ST stays that of sample 0 (or 0, unknown).
struct StartTimestampReader {
    /// Whether sample 0 carries its ST (`varint(t0 − st0)`).
    let firstKnown: Bool
    /// The first sample whose ST differs from its predecessor's (0: none), from which on every sample carries one.
    let firstChangeOn: Int
    /// The ST of the sample read last; 0 when unknown.
    private(set) var current: Int64 = 0
    /// The last `t(n−1) − st(n)`, the base of the next delta.
    private var difference: Int64 = 0

    /// Reads the ST header byte.
    init(header: UInt8) {
        firstKnown = header & 0x80 != 0
        firstChangeOn = Int(header & 0x7f)
    }

    /// Reads the ST data of sample `index` (if it carries any) and updates ``current``.
    /// - Parameters:
    ///   - index: the sample's index in the chunk.
    ///   - timestamp: the sample's timestamp.
    ///   - previous: the previous sample's timestamp (unused for sample 0).
    ///   - reader: the bit stream, just after the sample's own bits.
    /// - Returns: `false` when a varint is longer than 10 bytes.
    @inline(__always)
    mutating func read(index: Int, timestamp: Int64, previous: Int64, from reader: inout BitReader) -> Bool {
        if index == 0 {
            guard firstKnown else { return true }
            guard let offset = reader.readVarint() else { return false }
            current = timestamp &- offset
            return true
        }
        guard firstChangeOn > 0, index >= firstChangeOn else { return true }
        let delta = reader.readVarbitInt()
        difference = index == firstChangeOn ? delta : difference &+ delta
        current = previous &- difference
        return true
    }
}
