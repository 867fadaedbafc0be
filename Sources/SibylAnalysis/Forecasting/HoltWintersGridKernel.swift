/// Evaluates the Holt-Winters SSE (§5.1) at 8 grid points at once, as 8 interleaved scalar chains.
///
/// Each chain performs exactly the scalar recursion's IEEE operations in the same order (no fused
/// multiply-add), so its SSE is bit-identical to the scalar
/// ``HoltWintersRecursion/sse(_:alpha:beta:gamma:level:trend:seasons:scratch:bound:)``.
/// Independent chains hide the latency of the level → slope dependency that bounds a single chain.
/// Plain scalars rather than `SIMD` vectors keep debug builds (the test suite) fast as well.
struct HoltWintersGridKernel {
    /// Number of interleaved chains.
    static let width = 8

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
        let a0 = alpha[0], b0 = beta[0], g0 = gamma[0]
        let a1 = alpha[1], b1 = beta[1], g1 = gamma[1]
        let a2 = alpha[2], b2 = beta[2], g2 = gamma[2]
        let a3 = alpha[3], b3 = beta[3], g3 = gamma[3]
        let a4 = alpha[4], b4 = beta[4], g4 = gamma[4]
        let a5 = alpha[5], b5 = beta[5], g5 = gamma[5]
        let a6 = alpha[6], b6 = beta[6], g6 = gamma[6]
        let a7 = alpha[7], b7 = beta[7], g7 = gamma[7]
        let ca0 = 1 - a0, cb0 = 1 - b0, cg0 = 1 - g0
        let ca1 = 1 - a1, cb1 = 1 - b1, cg1 = 1 - g1
        let ca2 = 1 - a2, cb2 = 1 - b2, cg2 = 1 - g2
        let ca3 = 1 - a3, cb3 = 1 - b3, cg3 = 1 - g3
        let ca4 = 1 - a4, cb4 = 1 - b4, cg4 = 1 - g4
        let ca5 = 1 - a5, cb5 = 1 - b5, cg5 = 1 - g5
        let ca6 = 1 - a6, cb6 = 1 - b6, cg6 = 1 - g6
        let ca7 = 1 - a7, cb7 = 1 - b7, cg7 = 1 - g7
        var l0 = level, t0 = trend, e0 = 0.0
        var l1 = level, t1 = trend, e1 = 0.0
        var l2 = level, t2 = trend, e2 = 0.0
        var l3 = level, t3 = trend, e3 = 0.0
        var l4 = level, t4 = trend, e4 = 0.0
        var l5 = level, t5 = trend, e5 = 0.0
        var l6 = level, t6 = trend, e6 = 0.0
        var l7 = level, t7 = trend, e7 = 0.0
        let ring = UnsafeMutablePointer<Double>.allocate(capacity: 8 * period)
        defer { ring.deallocate() }
        for index in 0..<period {
            for lane in 0..<8 { ring[8 * index + lane] = seasons[index] }
        }
        var slot = ring
        let end = ring + 8 * period
        var sinceCheck = 0
        for value in y {
            let s0 = slot[0]
            let s1 = slot[1]
            let s2 = slot[2]
            let s3 = slot[3]
            let s4 = slot[4]
            let s5 = slot[5]
            let s6 = slot[6]
            let s7 = slot[7]
            let p0 = l0 + t0
            let p1 = l1 + t1
            let p2 = l2 + t2
            let p3 = l3 + t3
            let p4 = l4 + t4
            let p5 = l5 + t5
            let p6 = l6 + t6
            let p7 = l7 + t7
            let r0 = value - (p0 + s0)
            let r1 = value - (p1 + s1)
            let r2 = value - (p2 + s2)
            let r3 = value - (p3 + s3)
            let r4 = value - (p4 + s4)
            let r5 = value - (p5 + s5)
            let r6 = value - (p6 + s6)
            let r7 = value - (p7 + s7)
            e0 += r0 * r0
            e1 += r1 * r1
            e2 += r2 * r2
            e3 += r3 * r3
            e4 += r4 * r4
            e5 += r5 * r5
            e6 += r6 * r6
            e7 += r7 * r7
            let n0 = (a0 * value - a0 * s0) + ca0 * p0
            let n1 = (a1 * value - a1 * s1) + ca1 * p1
            let n2 = (a2 * value - a2 * s2) + ca2 * p2
            let n3 = (a3 * value - a3 * s3) + ca3 * p3
            let n4 = (a4 * value - a4 * s4) + ca4 * p4
            let n5 = (a5 * value - a5 * s5) + ca5 * p5
            let n6 = (a6 * value - a6 * s6) + ca6 * p6
            let n7 = (a7 * value - a7 * s7) + ca7 * p7
            t0 = b0 * (n0 - l0) + cb0 * t0
            t1 = b1 * (n1 - l1) + cb1 * t1
            t2 = b2 * (n2 - l2) + cb2 * t2
            t3 = b3 * (n3 - l3) + cb3 * t3
            t4 = b4 * (n4 - l4) + cb4 * t4
            t5 = b5 * (n5 - l5) + cb5 * t5
            t6 = b6 * (n6 - l6) + cb6 * t6
            t7 = b7 * (n7 - l7) + cb7 * t7
            slot[0] = (g0 * value - g0 * p0) + cg0 * s0
            slot[1] = (g1 * value - g1 * p1) + cg1 * s1
            slot[2] = (g2 * value - g2 * p2) + cg2 * s2
            slot[3] = (g3 * value - g3 * p3) + cg3 * s3
            slot[4] = (g4 * value - g4 * p4) + cg4 * s4
            slot[5] = (g5 * value - g5 * p5) + cg5 * s5
            slot[6] = (g6 * value - g6 * p6) + cg6 * s6
            slot[7] = (g7 * value - g7 * p7) + cg7 * s7
            l0 = n0
            l1 = n1
            l2 = n2
            l3 = n3
            l4 = n4
            l5 = n5
            l6 = n6
            l7 = n7
            slot += 8
            if slot == end { slot = ring }
            sinceCheck += 1
            if sinceCheck == 16 {
                sinceCheck = 0
                if e0 > bound && e1 > bound && e2 > bound && e3 > bound && e4 > bound && e5 > bound && e6 > bound
                    && e7 > bound
                {
                    return nil
                }
            }
        }
        return [e0, e1, e2, e3, e4, e5, e6, e7]
    }
}
