import CHoltWintersKernel

extension HoltWintersGridKernel {
    /// Whether this CPU runs the C screening kernel (x86-64 with AVX2 and FMA).
    static let vectorizedScreenAvailable = sibyl_hw_screen_available() != 0

    /// Points the C screening kernel advances together.
    static let vectorizedWidth = Int(SIBYL_HW_SCREEN_WIDTH)

    /// Points one screening or exact pass advances together: 24 with the C screening kernel, else 8.
    func lanes(screening: Bool) -> Int {
        screening && vectorized ? Self.vectorizedWidth : Self.width
    }

    /// ``screen(_:first:from:to:keepingAtMost:destination:)`` for every point of `states` at once, by the C
    /// kernel: the same error-correction form relative to the previous observation, 24 points in three AVX2
    /// vectors of single precision. Its partial SSEs differ from the Swift screen's by rounding noise of about
    /// 1e-5 of their value (and `2n·(10³·ε_f·scale)²` at most); the grid search screens with either and re-runs
    /// the survivors in statsmodels' order, so the winner is the same. Keeps, in order, the points whose
    /// running SSE plus their tail bounds after `end` (``HoltWintersTailBound``) is not above `bound`, every
    /// point when `bound` is infinite, and returns how many. The running states stay in the kernel's single
    /// precision between calls (``HoltWintersGridStates/singlesCurrent``): only α, β, γ, the index and the SSE
    /// are kept up to date in double precision.
    func screenVectorized(
        _ states: HoltWintersGridStates, from start: Int, to end: Int, keepingAtMost bound: Double
    )
        -> Int
    {
        guard let base = y.baseAddress, let screen, states.count > 0 else { return 0 }
        let stored = screen.weights.withUnsafeBufferPointer { weights in
            let input = SibylHoltWintersScreenInput(
                y: base, steps: screen.steps, scale: screen.scale, tailWeights: weights.baseAddress)
            let tails = screen.tail.tails(after: end)
            return sibyl_hw_screen(
                states.kernelStates, input, start, end, bound, tails.plain, tails.smooth, screen.ring)
        }
        states.singlesCurrent = true
        return stored
    }
}
