/// What the single-precision C screening kernel reads: the observations' steps scaled to order one, the tail
/// bound and its weights, and its seasonal ring.
struct HoltWintersFloatScreen {
    /// `(y_t − y_{t−1})/scale` in single precision, 0 at `t = 0`.
    let steps: UnsafeMutablePointer<Float>
    /// The power of two the states are divided by.
    let scale: Double
    /// Scratch seasons of one block (`24·m` floats).
    let ring: UnsafeMutablePointer<Float>
    /// Suffix sums of the tail bound.
    let tail: HoltWintersTailBound
    /// The tail bounds' two weights per grid index (interleaved).
    let weights: [Double]
    /// An SSE below which single-precision rounding may dominate: `2n·(10³·ε_f·scale)²`.
    let floor: Double

    /// Prepares `y` for screening from `start`; `nil` when a step or a start state is not finite, or when the
    /// steps span more than 10²⁵ (single precision would lose the small ones below its normal range): then the
    /// double-precision screen runs.
    init?(y: UnsafeBufferPointer<Double>, start: HoltWintersInitialization, weights: [Double]) {
        guard let first = y.first else { return nil }
        var largest = Swift.max(abs((start.level + start.trend) - first), abs(start.trend))
        for season in start.seasons { largest = Swift.max(largest, abs(season)) }
        var smallest = Double.infinity
        for index in y.indices.dropFirst() {
            let step = abs(y[index] - y[index - 1])
            largest = Swift.max(largest, step)
            if step > 0 { smallest = Swift.min(smallest, step) }
        }
        guard largest.isFinite, largest < Double.greatestFiniteMagnitude / 4 else { return nil }
        guard smallest == .infinity || smallest >= largest * 1e-25 else { return nil }
        let scale = largest > 0 ? Double(sign: .plus, exponent: largest.exponent + 1, significand: 1) : 1
        let period = start.seasons.count
        steps = .allocate(capacity: y.count)
        steps[0] = 0
        for index in y.indices.dropFirst() { steps[index] = Float((y[index] - y[index - 1]) / scale) }
        ring = .allocate(capacity: HoltWintersGridKernel.vectorizedWidth * period)
        self.scale = scale
        tail = HoltWintersTailBound(y: y, period: period)
        self.weights = weights
        let noise = 1e3 * Double(Float.ulpOfOne) * scale
        floor = 2 * Double(y.count) * noise * noise
    }

    /// Frees the buffers.
    func release() {
        steps.deallocate()
        ring.deallocate()
    }
}
