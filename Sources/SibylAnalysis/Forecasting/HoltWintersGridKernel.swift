/// Evaluates the Holt-Winters SSE (§5.1) at four grid points at once, as four interleaved scalar chains.
///
/// Each chain performs exactly the scalar recursion's IEEE operations in the same order (no fused
/// multiply-add), so its SSE is bit-identical to ``HoltWintersRecursion/sse(_:alpha:beta:gamma:level:trend:seasons:scratch:bound:stopAtEqual:)``.
/// Four independent chains hide the latency of the level → slope dependency that bounds a single chain.
/// Plain scalars rather than `SIMD4` keep debug builds (the test suite) fast as well.
struct HoltWintersGridKernel {
    /// Number of interleaved chains.
    static let width = 4

    /// The observations.
    let y: UnsafeBufferPointer<Double>
    /// l0.
    let level: Double
    /// b0.
    let trend: Double
    /// s0 … s_{m−1}.
    let seasons: [Double]

    /// The SSE of each chain, or `nil` once every chain's running SSE exceeds `bound` (none can then beat it).
    func sse(alpha: [Double], beta: [Double], gamma: [Double], bound: Double) -> [Double]? {
        let period = seasons.count
        let (a0, a1, a2, a3) = (alpha[0], alpha[1], alpha[2], alpha[3])
        let (b0, b1, b2, b3) = (beta[0], beta[1], beta[2], beta[3])
        let (g0, g1, g2, g3) = (gamma[0], gamma[1], gamma[2], gamma[3])
        let (ca0, ca1, ca2, ca3) = (1 - a0, 1 - a1, 1 - a2, 1 - a3)
        let (cb0, cb1, cb2, cb3) = (1 - b0, 1 - b1, 1 - b2, 1 - b3)
        let (cg0, cg1, cg2, cg3) = (1 - g0, 1 - g1, 1 - g2, 1 - g3)
        var (l0, l1, l2, l3) = (level, level, level, level)
        var (t0, t1, t2, t3) = (trend, trend, trend, trend)
        var (e0, e1, e2, e3) = (0.0, 0.0, 0.0, 0.0)
        let ring = UnsafeMutablePointer<Double>.allocate(capacity: 4 * period)
        defer { ring.deallocate() }
        for index in 0..<period {
            for lane in 0..<4 { ring[4 * index + lane] = seasons[index] }
        }
        var slot = ring
        let end = ring + 4 * period
        var sinceCheck = 0
        for value in y {
            let s0 = slot[0]
            let s1 = slot[1]
            let s2 = slot[2]
            let s3 = slot[3]
            let p0 = l0 + t0
            let p1 = l1 + t1
            let p2 = l2 + t2
            let p3 = l3 + t3
            let r0 = value - (p0 + s0)
            let r1 = value - (p1 + s1)
            let r2 = value - (p2 + s2)
            let r3 = value - (p3 + s3)
            e0 += r0 * r0
            e1 += r1 * r1
            e2 += r2 * r2
            e3 += r3 * r3
            let n0 = (a0 * value - a0 * s0) + ca0 * p0
            let n1 = (a1 * value - a1 * s1) + ca1 * p1
            let n2 = (a2 * value - a2 * s2) + ca2 * p2
            let n3 = (a3 * value - a3 * s3) + ca3 * p3
            t0 = b0 * (n0 - l0) + cb0 * t0
            t1 = b1 * (n1 - l1) + cb1 * t1
            t2 = b2 * (n2 - l2) + cb2 * t2
            t3 = b3 * (n3 - l3) + cb3 * t3
            slot[0] = (g0 * value - g0 * p0) + cg0 * s0
            slot[1] = (g1 * value - g1 * p1) + cg1 * s1
            slot[2] = (g2 * value - g2 * p2) + cg2 * s2
            slot[3] = (g3 * value - g3 * p3) + cg3 * s3
            l0 = n0
            l1 = n1
            l2 = n2
            l3 = n3
            slot += 4
            if slot == end { slot = ring }
            sinceCheck += 1
            if sinceCheck == 16 {
                sinceCheck = 0
                if e0 > bound && e1 > bound && e2 > bound && e3 > bound { return nil }
            }
        }
        return [e0, e1, e2, e3]
    }
}
