/// Advances 8 neighbouring grid points of a ``HoltWintersGridStates`` through a range of observations, as 8
/// interleaved scalar chains of the Holt-Winters recursion (§5.1).
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
    /// Seasonal ring of the chains (`8·m` values), reused from block to block.
    let ring: UnsafeMutablePointer<Double>
    /// The seasonal period m.
    let period: Int
    /// The single-precision screen's inputs, when screening runs the C kernel.
    let screen: HoltWintersFloatScreen?
    /// Whether screening runs the C kernel (``screenVectorized(_:from:to:keepingAtMost:)``).
    var vectorized: Bool { screen != nil }

    /// Creates a kernel over `y` for period `period`; call ``release()`` when done.
    /// - Parameters:
    ///   - start: the start states (they set the C kernel's scale).
    ///   - tailWeights: the tail bounds' two weights per grid index, for the C kernel.
    ///   - vectorized: screen with the C kernel (default: when the CPU has AVX2 and FMA).
    init(
        y: UnsafeBufferPointer<Double>, start: HoltWintersInitialization, tailWeights: [Double],
        vectorized: Bool = Self.vectorizedScreenAvailable
    ) {
        self.y = y
        period = start.seasons.count
        screen =
            vectorized && Self.vectorizedScreenAvailable
            ? HoltWintersFloatScreen(y: y, start: start, weights: tailWeights) : nil
        ring = .allocate(capacity: Self.width * period)
    }

    /// Frees the scratch buffers.
    func release() {
        ring.deallocate()
        screen?.release()
    }

    /// Runs observations `start ..< end` through the points at positions `first ..< first + 8` of `states`
    /// (all at step `start`) and stores back, from position `destination` on and in order, the points whose
    /// running SSE is not above `bound`. Returns the position after the last point stored.
    ///
    /// Positions past the last point repeat it and are not stored. Blocks must be advanced in order of `first`
    /// with `destination ≤ first`, so stores never overwrite a point not yet loaded.
    func advance(
        _ states: HoltWintersGridStates, first: Int, from start: Int, to end: Int, keepingAtMost bound: Double,
        destination: Int
    ) -> Int {
        let period = self.period
        let last = states.count - 1
        let q0 = min(first + 0, last)
        let q1 = min(first + 1, last)
        let q2 = min(first + 2, last)
        let q3 = min(first + 3, last)
        let q4 = min(first + 4, last)
        let q5 = min(first + 5, last)
        let q6 = min(first + 6, last)
        let q7 = min(first + 7, last)
        let a0 = states.alpha[q0]
        let b0 = states.beta[q0]
        let g0 = states.gamma[q0]
        let a1 = states.alpha[q1]
        let b1 = states.beta[q1]
        let g1 = states.gamma[q1]
        let a2 = states.alpha[q2]
        let b2 = states.beta[q2]
        let g2 = states.gamma[q2]
        let a3 = states.alpha[q3]
        let b3 = states.beta[q3]
        let g3 = states.gamma[q3]
        let a4 = states.alpha[q4]
        let b4 = states.beta[q4]
        let g4 = states.gamma[q4]
        let a5 = states.alpha[q5]
        let b5 = states.beta[q5]
        let g5 = states.gamma[q5]
        let a6 = states.alpha[q6]
        let b6 = states.beta[q6]
        let g6 = states.gamma[q6]
        let a7 = states.alpha[q7]
        let b7 = states.beta[q7]
        let g7 = states.gamma[q7]
        let ca0 = 1 - a0
        let cb0 = 1 - b0
        let cg0 = 1 - g0
        let ca1 = 1 - a1
        let cb1 = 1 - b1
        let cg1 = 1 - g1
        let ca2 = 1 - a2
        let cb2 = 1 - b2
        let cg2 = 1 - g2
        let ca3 = 1 - a3
        let cb3 = 1 - b3
        let cg3 = 1 - g3
        let ca4 = 1 - a4
        let cb4 = 1 - b4
        let cg4 = 1 - g4
        let ca5 = 1 - a5
        let cb5 = 1 - b5
        let cg5 = 1 - g5
        let ca6 = 1 - a6
        let cb6 = 1 - b6
        let cg6 = 1 - g6
        let ca7 = 1 - a7
        let cb7 = 1 - b7
        let cg7 = 1 - g7
        var l0 = states.level[q0]
        var t0 = states.trend[q0]
        var e0 = states.sse[q0]
        var l1 = states.level[q1]
        var t1 = states.trend[q1]
        var e1 = states.sse[q1]
        var l2 = states.level[q2]
        var t2 = states.trend[q2]
        var e2 = states.sse[q2]
        var l3 = states.level[q3]
        var t3 = states.trend[q3]
        var e3 = states.sse[q3]
        var l4 = states.level[q4]
        var t4 = states.trend[q4]
        var e4 = states.sse[q4]
        var l5 = states.level[q5]
        var t5 = states.trend[q5]
        var e5 = states.sse[q5]
        var l6 = states.level[q6]
        var t6 = states.trend[q6]
        var e6 = states.sse[q6]
        var l7 = states.level[q7]
        var t7 = states.trend[q7]
        var e7 = states.sse[q7]
        for phase in 0..<period {
            let seasons = states.seasons(phase)
            ring[8 * phase + 0] = seasons[q0]
            ring[8 * phase + 1] = seasons[q1]
            ring[8 * phase + 2] = seasons[q2]
            ring[8 * phase + 3] = seasons[q3]
            ring[8 * phase + 4] = seasons[q4]
            ring[8 * phase + 5] = seasons[q5]
            ring[8 * phase + 6] = seasons[q6]
            ring[8 * phase + 7] = seasons[q7]
        }
        var slot = ring + 8 * (start % period)
        let ringEnd = ring + 8 * period
        for index in start..<end {
            let value = y[index]
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
            if slot == ringEnd { slot = ring }
        }
        var stored = destination
        if first + 0 <= last && !(e0 > bound) {
            states.store(at: stored, from: q0, level: l0, trend: t0, sse: e0, ring: ring + 0)
            stored += 1
        }
        if first + 1 <= last && !(e1 > bound) {
            states.store(at: stored, from: q1, level: l1, trend: t1, sse: e1, ring: ring + 1)
            stored += 1
        }
        if first + 2 <= last && !(e2 > bound) {
            states.store(at: stored, from: q2, level: l2, trend: t2, sse: e2, ring: ring + 2)
            stored += 1
        }
        if first + 3 <= last && !(e3 > bound) {
            states.store(at: stored, from: q3, level: l3, trend: t3, sse: e3, ring: ring + 3)
            stored += 1
        }
        if first + 4 <= last && !(e4 > bound) {
            states.store(at: stored, from: q4, level: l4, trend: t4, sse: e4, ring: ring + 4)
            stored += 1
        }
        if first + 5 <= last && !(e5 > bound) {
            states.store(at: stored, from: q5, level: l5, trend: t5, sse: e5, ring: ring + 5)
            stored += 1
        }
        if first + 6 <= last && !(e6 > bound) {
            states.store(at: stored, from: q6, level: l6, trend: t6, sse: e6, ring: ring + 6)
            stored += 1
        }
        if first + 7 <= last && !(e7 > bound) {
            states.store(at: stored, from: q7, level: l7, trend: t7, sse: e7, ring: ring + 7)
            stored += 1
        }
        return stored
    }
}
