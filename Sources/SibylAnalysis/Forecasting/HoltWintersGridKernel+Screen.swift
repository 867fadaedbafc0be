extension HoltWintersGridKernel {
    /// ``advance(_:first:from:to:keepingAtMost:destination:)`` for screening: the same recursion in its
    /// error-correction form, carrying the one-step prediction `p = L + B` instead of the level,
    ///
    ///     r = (y − p) − S,   p' = (p + B) + (α + α·β)·r,   B' = B + (α·β)·r,   S' = S + γ·r,
    ///
    /// algebraically equal to statsmodels' order of operations but with eleven operations instead of nineteen
    /// and a dependency chain of four instead of six, at the price of different rounding. Its partial SSEs
    /// differ from the statsmodels-order ones by rounding noise: at most 7e-5 of the grid search's margin
    /// (``HoltWinters/gridWinner(_:start:grid:)``) over the grid points that compete for the minimum, on the
    /// oracle cases and on 1e12-, 1e-6-magnitude, negative and step series. The grid search uses it only to
    /// screen points out.
    func screen(
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
        let ab0 = a0 * states.beta[q0]
        let c0 = a0 + ab0
        let g0 = states.gamma[q0]
        let a1 = states.alpha[q1]
        let ab1 = a1 * states.beta[q1]
        let c1 = a1 + ab1
        let g1 = states.gamma[q1]
        let a2 = states.alpha[q2]
        let ab2 = a2 * states.beta[q2]
        let c2 = a2 + ab2
        let g2 = states.gamma[q2]
        let a3 = states.alpha[q3]
        let ab3 = a3 * states.beta[q3]
        let c3 = a3 + ab3
        let g3 = states.gamma[q3]
        let a4 = states.alpha[q4]
        let ab4 = a4 * states.beta[q4]
        let c4 = a4 + ab4
        let g4 = states.gamma[q4]
        let a5 = states.alpha[q5]
        let ab5 = a5 * states.beta[q5]
        let c5 = a5 + ab5
        let g5 = states.gamma[q5]
        let a6 = states.alpha[q6]
        let ab6 = a6 * states.beta[q6]
        let c6 = a6 + ab6
        let g6 = states.gamma[q6]
        let a7 = states.alpha[q7]
        let ab7 = a7 * states.beta[q7]
        let c7 = a7 + ab7
        let g7 = states.gamma[q7]
        var t0 = states.trend[q0]
        var p0 = states.level[q0] + t0
        var e0 = states.sse[q0]
        var t1 = states.trend[q1]
        var p1 = states.level[q1] + t1
        var e1 = states.sse[q1]
        var t2 = states.trend[q2]
        var p2 = states.level[q2] + t2
        var e2 = states.sse[q2]
        var t3 = states.trend[q3]
        var p3 = states.level[q3] + t3
        var e3 = states.sse[q3]
        var t4 = states.trend[q4]
        var p4 = states.level[q4] + t4
        var e4 = states.sse[q4]
        var t5 = states.trend[q5]
        var p5 = states.level[q5] + t5
        var e5 = states.sse[q5]
        var t6 = states.trend[q6]
        var p6 = states.level[q6] + t6
        var e6 = states.sse[q6]
        var t7 = states.trend[q7]
        var p7 = states.level[q7] + t7
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
            let r0 = (value - p0) - slot[0]
            let r1 = (value - p1) - slot[1]
            let r2 = (value - p2) - slot[2]
            let r3 = (value - p3) - slot[3]
            let r4 = (value - p4) - slot[4]
            let r5 = (value - p5) - slot[5]
            let r6 = (value - p6) - slot[6]
            let r7 = (value - p7) - slot[7]
            e0 += r0 * r0
            e1 += r1 * r1
            e2 += r2 * r2
            e3 += r3 * r3
            e4 += r4 * r4
            e5 += r5 * r5
            e6 += r6 * r6
            e7 += r7 * r7
            p0 = (p0 + t0) + c0 * r0
            p1 = (p1 + t1) + c1 * r1
            p2 = (p2 + t2) + c2 * r2
            p3 = (p3 + t3) + c3 * r3
            p4 = (p4 + t4) + c4 * r4
            p5 = (p5 + t5) + c5 * r5
            p6 = (p6 + t6) + c6 * r6
            p7 = (p7 + t7) + c7 * r7
            t0 = t0 + ab0 * r0
            t1 = t1 + ab1 * r1
            t2 = t2 + ab2 * r2
            t3 = t3 + ab3 * r3
            t4 = t4 + ab4 * r4
            t5 = t5 + ab5 * r5
            t6 = t6 + ab6 * r6
            t7 = t7 + ab7 * r7
            slot[0] = slot[0] + g0 * r0
            slot[1] = slot[1] + g1 * r1
            slot[2] = slot[2] + g2 * r2
            slot[3] = slot[3] + g3 * r3
            slot[4] = slot[4] + g4 * r4
            slot[5] = slot[5] + g5 * r5
            slot[6] = slot[6] + g6 * r6
            slot[7] = slot[7] + g7 * r7
            slot += 8
            if slot == ringEnd { slot = ring }
        }
        var stored = destination
        if first + 0 <= last && !(e0 > bound) {
            states.store(at: stored, from: q0, level: p0 - t0, trend: t0, sse: e0, ring: ring + 0)
            stored += 1
        }
        if first + 1 <= last && !(e1 > bound) {
            states.store(at: stored, from: q1, level: p1 - t1, trend: t1, sse: e1, ring: ring + 1)
            stored += 1
        }
        if first + 2 <= last && !(e2 > bound) {
            states.store(at: stored, from: q2, level: p2 - t2, trend: t2, sse: e2, ring: ring + 2)
            stored += 1
        }
        if first + 3 <= last && !(e3 > bound) {
            states.store(at: stored, from: q3, level: p3 - t3, trend: t3, sse: e3, ring: ring + 3)
            stored += 1
        }
        if first + 4 <= last && !(e4 > bound) {
            states.store(at: stored, from: q4, level: p4 - t4, trend: t4, sse: e4, ring: ring + 4)
            stored += 1
        }
        if first + 5 <= last && !(e5 > bound) {
            states.store(at: stored, from: q5, level: p5 - t5, trend: t5, sse: e5, ring: ring + 5)
            stored += 1
        }
        if first + 6 <= last && !(e6 > bound) {
            states.store(at: stored, from: q6, level: p6 - t6, trend: t6, sse: e6, ring: ring + 6)
            stored += 1
        }
        if first + 7 <= last && !(e7 > bound) {
            states.store(at: stored, from: q7, level: p7 - t7, trend: t7, sse: e7, ring: ring + 7)
            stored += 1
        }
        return stored
    }
}
