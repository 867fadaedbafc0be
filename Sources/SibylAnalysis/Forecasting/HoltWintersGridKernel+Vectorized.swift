import CHoltWintersKernel

extension HoltWintersGridKernel {
    /// Whether this CPU runs the C screening kernel (x86-64 with AVX2 and FMA).
    static let vectorizedScreenAvailable = sibyl_hw_screen_available() != 0

    /// Points the C screening kernel advances together.
    static let vectorizedWidth = Int(SIBYL_HW_SCREEN_WIDTH)

    /// Points one screening or exact pass advances together: 16 with the C screening kernel, else 8.
    func lanes(screening: Bool) -> Int {
        screening && vectorized ? Self.vectorizedWidth : Self.width
    }

    /// ``screen(_:first:from:to:keepingAtMost:destination:)`` for every point of `states` at once, by the C
    /// kernel: the same error-correction form, 16 points in four AVX2 vectors, with fused multiply-adds and the
    /// residual taken as `(y − S) − p`. Its partial SSEs differ from the Swift screen's by rounding noise only;
    /// the grid search screens with either and re-runs the survivors in statsmodels' order, so the winner is the
    /// same. Keeps, in order, the points whose running SSE is not above `bound` and returns how many.
    func screenVectorized(_ states: HoltWintersGridStates, from start: Int, to end: Int, keepingAtMost bound: Double)
        -> Int
    {
        guard let base = y.baseAddress, states.count > 0 else { return 0 }
        return sibyl_hw_screen(states.kernelStates, base, start, end, bound, ring)
    }
}
