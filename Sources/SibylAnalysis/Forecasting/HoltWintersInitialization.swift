/// The start states of a Holt-Winters fit, before optimisation (statsmodels `initialization_method="estimated"`).
///
/// statsmodels 0.15 uses `_initialization_heuristic` when `n ≥ 10 + 2·⌊m/2⌋` and `_initialization_simple`
/// otherwise (algorithms.md §5.2); both need two full seasons, `n ≥ 2m`.
public struct HoltWintersInitialization: Sendable, Hashable {
    /// How the start states were computed.
    public enum Method: String, Sendable, Hashable {
        /// Centred moving average and a line through its first ten values.
        case heuristic
        /// First-season mean, mean season-over-season slope.
        case simple
    }

    /// Which statsmodels routine produced the values.
    public var method: Method
    /// l0 before optimisation.
    public var level: Double
    /// b0 before optimisation.
    public var trend: Double
    /// s0..s_{m−1} before optimisation.
    public var seasons: [Double]

    /// Creates start states.
    /// - Parameters:
    ///   - method: the routine.
    ///   - level: l0.
    ///   - trend: b0.
    ///   - seasons: s0..s_{m−1}.
    public init(method: Method, level: Double, trend: Double, seasons: [Double]) {
        self.method = method
        self.level = level
        self.trend = trend
        self.seasons = seasons
    }

    /// Computes statsmodels' start states for `y` with period `m`.
    /// - Parameters:
    ///   - y: the observations, all finite.
    ///   - seasonalPeriods: m ≥ 2.
    /// - Returns: heuristic states when `n ≥ 10 + 2·⌊m/2⌋`, simple states otherwise.
    /// - Throws: `AnalysisError.invalidArgument` for m < 2, `.tooShort` for `n < 2m` (or for the heuristic's
    ///   minimum), `.nonFinite` for NaN or ±∞ in `y`.
    public static func estimate(_ y: [Double], seasonalPeriods m: Int) throws -> Self {
        guard m >= 2 else { throw AnalysisError.invalidArgument("seasonal period must be at least 2, got \(m)") }
        guard y.allSatisfy(\.isFinite) else { throw AnalysisError.nonFinite("series holds NaN or infinite values") }
        guard y.count >= 2 * m else {
            throw AnalysisError.tooShort("Holt-Winters needs two full seasons (\(2 * m) values), got \(y.count)")
        }
        if y.count >= 10 + 2 * (m / 2) {
            return try heuristic(y, seasonalPeriods: m)
        }
        return simple(y, seasonalPeriods: m)
    }

    /// statsmodels `_initialization_simple`: `l0 = mean(y_0..y_{m−1})`, `b0 = mean_i((y_{m+i} − y_i)/m)`,
    /// `s_i = y_i − l0`. Needs `n ≥ 2m`.
    static func simple(_ y: [Double], seasonalPeriods m: Int) -> Self {
        var sum = 0.0
        for index in 0..<m { sum += y[index] }
        let level = sum / Double(m)
        var slopeSum = 0.0
        for index in 0..<m { slopeSum += (y[m + index] - y[index]) / Double(m) }
        let seasons = (0..<m).map { y[$0] - level }
        return Self(method: .simple, level: level, trend: slopeSum / Double(m), seasons: seasons)
    }

    /// statsmodels `_initialization_heuristic` (additive season): over the first `k·m` values
    /// (`k = max(min(5, n div m), ⌈(10 + 2·⌊m/2⌋)/m⌉)`), a centred MA of window m (2×m for even m, as
    /// pandas `rolling(m, center=True).mean()` then `shift(−1).rolling(2).mean()`), seasons = per-phase mean
    /// of `y − MA` minus their mean, and `l0 + b0·i` the least-squares line through the first ten MA values
    /// at `i = 1..10`.
    static func heuristic(_ y: [Double], seasonalPeriods m: Int) throws -> Self {
        let minimumCount = 10 + 2 * (m / 2)
        let cycles = max(min(5, y.count / m), (minimumCount + m - 1) / m)
        let count = min(y.count, cycles * m)
        let average = centredMovingAverage(Array(y[0..<count]), window: m)
        var phaseSums = [Double](repeating: 0, count: m)
        var phaseCounts = [Int](repeating: 0, count: m)
        for index in 0..<count where !average[index].isNaN {
            phaseSums[index % m] += y[index] - average[index]
            phaseCounts[index % m] += 1
        }
        guard phaseCounts.allSatisfy({ $0 > 0 }) else {
            throw AnalysisError.tooShort("too few values for the heuristic Holt-Winters initialisation")
        }
        var seasons = (0..<m).map { phaseSums[$0] / Double(phaseCounts[$0]) }
        let seasonMean = seasons.reduce(0, +) / Double(m)
        seasons = seasons.map { $0 - seasonMean }
        let firstTen = average.filter { !$0.isNaN }.prefix(10)
        guard firstTen.count == 10 else {
            throw AnalysisError.tooShort("too few moving-average values for the heuristic initialisation")
        }
        let line = lineThroughFirstTen(firstTen)
        return Self(method: .heuristic, level: line.level, trend: line.slope, seasons: seasons)
    }

    /// The least-squares line `v_i = a + b·i` through ten values at `i = 1..10` (statsmodels'
    /// `_initialization_heuristic`, `pinv([1, i]) · v`): `b = Σ(i − 5.5)(v_i − v̄) / 82.5`, `a = v̄ − 5.5·b`.
    static func lineThroughFirstTen(_ firstTen: some Collection<Double>) -> (level: Double, slope: Double) {
        let mean = firstTen.reduce(0, +) / 10
        var numerator = 0.0
        for (offset, value) in firstTen.enumerated() {
            numerator += (Double(offset + 1) - 5.5) * (value - mean)
        }
        let slope = numerator / 82.5
        return (mean - 5.5 * slope, slope)
    }

    /// pandas `rolling(m, center=True).mean()` (window `[i − ⌊m/2⌋, i + ⌈m/2⌉ − 1]`), followed for even m by
    /// `shift(−1).rolling(2).mean()`; NaN where a window does not fit.
    static func centredMovingAverage(_ z: [Double], window m: Int) -> [Double] {
        let count = z.count
        var centred = [Double](repeating: .nan, count: count)
        let offset = (m - 1) / 2
        for index in 0..<count {
            let end = index + 1 + offset
            let start = end - m
            guard start >= 0, end <= count else { continue }
            var sum = 0.0
            var constant = true
            for position in start..<end {
                sum += z[position]
                constant = constant && z[position] == z[start]
            }
            // pandas returns a window of identical values exactly (its `num_consecutive_same_value` rule).
            centred[index] = constant ? z[start] : sum / Double(m)
        }
        guard m % 2 == 0 else { return centred }
        var averaged = [Double](repeating: .nan, count: count)
        for index in 1..<count where index < count - 1 {
            averaged[index] = (centred[index] + centred[index + 1]) / 2
        }
        return averaged
    }
}
