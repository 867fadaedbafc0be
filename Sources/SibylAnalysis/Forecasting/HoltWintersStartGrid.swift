import Synchronization

/// The points of a start grid in evaluation order, with the weights of their tail bounds for one period.
struct HoltWintersStartGrid: Sendable {
    /// `(α, β, γ)` in statsmodels' evaluation order.
    let points: [(alpha: Double, beta: Double, gamma: Double)]
    /// ``HoltWintersTailBound/weights(alpha:beta:gamma:period:cosines:)`` of each point, interleaved (two per point).
    let tailWeights: [Double]

    /// Computes the weights of `points` for period `period`.
    init(_ points: [(alpha: Double, beta: Double, gamma: Double)], period: Int) {
        self.points = points
        tailWeights = HoltWintersTailBound.weights(points, period: period)
    }

    /// Grids already weighted, by kind and period (statsmodels' costs about 5 ms to weight).
    private static let cache = Mutex<[String: HoltWintersStartGrid]>([:])

    /// statsmodels' 9,943-point grid (``HoltWinters/startGrid()``) for period `period`, weighted once per process.
    static func statsmodels(period: Int) -> HoltWintersStartGrid {
        cached("statsmodels \(period)") { HoltWintersStartGrid(HoltWinters.startGrid(), period: period) }
    }

    /// The 128-point subgrid (``HoltWinters/coarseGrid()``) for period `period`.
    static func coarse(period: Int) -> HoltWintersStartGrid {
        cached("coarse \(period)") { HoltWintersStartGrid(HoltWinters.coarseGrid(), period: period) }
    }

    private static func cached(_ key: String, _ make: () -> HoltWintersStartGrid) -> HoltWintersStartGrid {
        if let grid = cache.withLock({ $0[key] }) { return grid }
        let grid = make()
        cache.withLock { $0[key] = grid }
        return grid
    }
}
