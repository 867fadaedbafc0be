/// statsmodels' `_autolag` for `adfuller`: every lag `p = 0…maxlag` fitted on the common sample of maxlag.
///
/// The candidates' designs are nested prefixes of `[const][, t][, t²], x, Δx₋₁ … Δx₋ₘₐₓ` (trend terms
/// prepended), so one QR of the reduced design gives all of them: for a prefix of `c` columns with a clearly
/// full-rank triangular factor (‖T‖_F·‖T⁻¹‖_F < 1e13, so sₘᵢₙ/sₘₐₓ > 1e-13, ten times above the k·ε rank
/// cut-off even for 41 columns and far above the 1e-15 pinv cut-off) the pinv fit is
/// the least-squares fit and `ssr` is the tail of the rotated response. Otherwise, and for `t-stat`, the
/// candidate is solved by the SVD pseudo-inverse of ``LeastSquares`` like statsmodels. AIC/BIC: smallest
/// `(criterion, p)`; t-stat: from `maxlag` down, the first `p` whose last column has |t| ≥ 1.6448536269514722.
struct LagSearch {
    /// The chosen lag `p*`.
    let bestLag: Int
    /// The criterion of `p*` (|t| for t-stat).
    let bestCriterion: Double
    /// Every candidate's fit summary.
    let candidates: [AugmentedDickeyFuller.LagCandidate]

    /// Largest ‖T‖_F·‖T⁻¹‖_F for which a candidate is certainly full rank under statsmodels' rules.
    private static let fullRankBound = 1e13
    /// `stats.norm.ppf(.95)` as statsmodels hard-codes it.
    private static let tStop = 1.6448536269514722

    /// Runs the search on the sample `design` (lag order `maxlag`).
    init(design: DickeyFullerDesign, regression: AugmentedDickeyFuller.Regression, selection: LagSelection) {
        let maxlag = design.lags
        var model: [Int] = []
        if regression != .noConstant {
            if design.hasConstantColumn == false { model.append(0) }
            for power in stride(from: 1, through: design.trendColumns, by: 1) { model.append(power) }
        }
        let start = model.count + 1
        model.append(design.levelIndex)
        for a in stride(from: 1, through: maxlag, by: 1) { model.append(design.lagIndex(a)) }
        // T = R-factor of [R[:, model] | R[:, response]]: (q+1)×(q+1), nested over column prefixes.
        let q = model.count
        let k = design.size
        var stacked = [Double](repeating: 0, count: k * (q + 1))
        for (j, column) in (model + [design.responseIndex]).enumerated() {
            for i in 0..<k { stacked[j * k + i] = design.r[column * k + i] }
        }
        let t = HouseholderQR.triangularFactor(stacked, rows: k, columns: q + 1)
        let size = q + 1
        let bounds = Self.conditionBounds(t, size: size, columns: q)
        let nobs = design.observationCount
        var candidates: [AugmentedDickeyFuller.LagCandidate] = []
        var lastTValues: [Double] = []
        let response = Array(t[(q * size)..<(q * size + size)])
        var previous: SingularValueDecomposition?
        for p in 0...maxlag {
            let c = start + p
            var tail = 0.0
            for i in c..<size { tail += response[i] * response[i] }
            let ssr: Double
            let rank: Int
            if selection != .tStatistic, bounds[c] < Self.fullRankBound {
                ssr = tail
                rank = c
                previous = nil
            } else if bounds[c] < Self.fullRankBound {
                let fit = LeastSquares(
                    design: Array(t[0..<(c * size)]), rows: size, columnCount: c, response: response, tail: 0,
                    observationCount: nobs)
                ssr = fit.sumOfSquaredResiduals
                rank = fit.rank
                lastTValues.append(fit.parameters[c - 1] / fit.standardErrors[c - 1])
                previous = nil
            } else {
                // Only the leading c rows of the triangle are non-zero; the rest of the response is a tail.
                var triangle = [Double](repeating: 0, count: c * c)
                for j in 0..<c {
                    for i in 0...j { triangle[j * c + i] = t[j * size + i] }
                }
                let head = Array(response[0..<c])
                if selection != .tStatistic,
                    let deflated = Self.truncatingOneDirection(triangle, columns: c, response: head, tail: tail)
                {
                    ssr = deflated
                    rank = c - 1
                    previous = nil
                } else {
                    // Nested candidates warm-start the Jacobi SVD from the previous candidate's.
                    let svd =
                        previous.map { $0.appending(column: t[((c - 1) * size)..<((c - 1) * size + c)]) }
                        ?? SingularValueDecomposition(triangle, rows: c, columns: c)
                    let fit = LeastSquares(
                        decomposition: svd, design: triangle, response: head, tail: tail, observationCount: nobs)
                    previous = svd
                    ssr = fit.sumOfSquaredResiduals
                    rank = fit.rank
                    lastTValues.append(fit.parameters[c - 1] / fit.standardErrors[c - 1])
                }
            }
            let llf = LeastSquares.logLikelihood(sumOfSquaredResiduals: ssr, observationCount: nobs)
            candidates.append(
                .init(
                    lag: p, sumOfSquaredResiduals: ssr, rank: rank, logLikelihood: llf,
                    akaikeInformationCriterion: -2 * llf + 2 * Double(rank),
                    bayesianInformationCriterion: -2 * llf + ElementaryFunctions.log(Double(nobs)) * Double(rank)
                ))
        }
        self.candidates = candidates
        switch selection {
        case .tStatistic:
            var best = maxlag
            var criterion = 0.0
            for p in stride(from: maxlag, through: 0, by: -1) {
                criterion = abs(lastTValues[p])
                best = p
                if criterion >= Self.tStop { break }
            }
            bestLag = best
            bestCriterion = criterion
        default:
            var best = 0
            var criterion = Double.infinity
            for candidate in candidates {
                let value =
                    selection == .bic
                    ? candidate.bayesianInformationCriterion : candidate.akaikeInformationCriterion
                if value < criterion || (candidate.lag == 0 && !(value > criterion)) {
                    best = candidate.lag
                    criterion = value
                }
            }
            bestLag = best
            bestCriterion = criterion
        }
    }

    /// `bounds[c] = ‖T_c‖_F·‖T_c⁻¹‖_F` for the leading c×c blocks of the upper-triangular `t` (∞ if singular).
    private static func conditionBounds(_ t: [Double], size: Int, columns q: Int) -> [Double] {
        var inverse = [Double](repeating: 0, count: q * q)
        var singular = false
        for j in 0..<q {
            let diagonal = t[j * size + j]
            if diagonal == 0 || !diagonal.isFinite {
                singular = true
                break
            }
            inverse[j * q + j] = 1 / diagonal
            var i = j - 1
            while i >= 0 {
                var s = 0.0
                for m in (i + 1)...j { s += t[m * size + i] * inverse[j * q + m] }
                inverse[j * q + i] = -s / t[i * size + i]
                i -= 1
            }
        }
        var bounds = [Double](repeating: .infinity, count: q + 1)
        var normT = 0.0
        var normInverse = 0.0
        for c in 1...Swift.max(q, 1) where c <= q {
            let j = c - 1
            if singular, inverse[j * q + j] == 0 { break }
            for i in 0...j {
                normT += t[j * size + i] * t[j * size + i]
                normInverse += inverse[j * q + i] * inverse[j * q + i]
            }
            let bound = (normT * normInverse).squareRoot()
            bounds[c] = bound.isFinite ? bound : .infinity
        }
        return bounds
    }
}
