/// An ordinary least-squares fit exactly as statsmodels `OLS(y, X).fit()` (`method="pinv"`) computes it.
///
/// Thin SVD `X = U·diag(s)·Vᵀ`; pseudo-inverse `P = V·diag(1/sᵢ if sᵢ > 1e-15·max(s) else 0)·Uᵀ`;
/// `β = P·y`, `ssr = ‖y − Xβ‖²`; `rank = #{sᵢ > max(s)·k·ε}` (numpy `matrix_rank(diag(s))`);
/// `σ² = ssr/(nobs − rank)`, `cov = P·Pᵀ·σ²`; `llf = −(nobs/2)·ln(ssr) − (1 + ln(π/(nobs/2)))·nobs/2`,
/// `AIC = −2·llf + 2·rank`, `BIC = −2·llf + ln(nobs)·rank` (algorithms.md §2.4). A rank-deficient design
/// gets statsmodels' truncated pseudo-inverse, not a "better" answer. The SVD is one-sided Jacobi on the R
/// of a Householder QR, so the tiny singular values that decide the cut-off are computed accurately.
public struct LeastSquares: Sendable, Hashable {
    /// The coefficients β, in the order of the design's columns.
    public private(set) var parameters: [Double]
    /// Standard errors `√(cov_ii)`; +∞ when `nobs == rank` and the fit is not exact (numpy's x/0).
    public let standardErrors: [Double]
    /// Sum of squared residuals.
    public let sumOfSquaredResiduals: Double
    /// Numerical rank of the design (statsmodels `model.rank`).
    public let rank: Int
    /// Number of observations (rows).
    public let observationCount: Int
    /// Number of design columns `k`.
    public let columnCount: Int

    /// `nobs − rank` (statsmodels `df_resid`).
    public var residualDegreesOfFreedom: Int { observationCount - rank }

    /// `true` when `rank < k`: statsmodels warns "The design matrix is rank-deficient".
    public var isRankDeficient: Bool { rank < columnCount }

    /// The t-values `βᵢ/seᵢ` (statsmodels `tvalues`).
    public var tValues: [Double] { zip(parameters, standardErrors).map { $0 / $1 } }

    /// Profile log-likelihood `−(nobs/2)·ln(ssr) − (1 + ln(π/(nobs/2)))·nobs/2` (statsmodels `llf`).
    public var logLikelihood: Double {
        Self.logLikelihood(sumOfSquaredResiduals: sumOfSquaredResiduals, observationCount: observationCount)
    }

    /// `−2·llf + 2·rank` (statsmodels `aic`; `df_model + k_constant` is the rank).
    public var akaikeInformationCriterion: Double { -2 * logLikelihood + 2 * Double(rank) }

    /// `−2·llf + ln(nobs)·rank` (statsmodels `bic`).
    public var bayesianInformationCriterion: Double {
        -2 * logLikelihood + ElementaryFunctions.log(Double(observationCount)) * Double(rank)
    }

    /// Fits `response` on the design given as columns (statsmodels `OLS(response, column_stack(columns)).fit()`).
    /// - Parameters:
    ///   - columns: the design's columns, each `nobs` values (add a column of ones for an intercept).
    ///   - response: the dependent variable, `nobs` values.
    /// - Throws: `AnalysisError.invalidArgument` for no columns or mismatched lengths, `.tooShort` for no rows,
    ///   `.nonFinite` when any value is NaN or ±∞ (statsmodels: `MissingDataError`).
    public init(columns: [[Double]], response: [Double]) throws(AnalysisError) {
        let rows = response.count
        let k = columns.count
        guard k > 0 else { throw .invalidArgument("the design has no columns") }
        guard rows > 0 else { throw .tooShort("least squares needs at least one observation") }
        guard columns.allSatisfy({ $0.count == rows }) else {
            throw .invalidArgument("every column must have \(rows) values")
        }
        guard response.allSatisfy(\.isFinite), columns.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw .nonFinite("exog contains inf or nans")
        }
        var augmented = [Double]()
        augmented.reserveCapacity(rows * (k + 1))
        for column in columns { augmented += column }
        augmented += response
        let r = HouseholderQR.triangularFactor(augmented, rows: rows, columns: k + 1)
        self.init(reduced: r, rows: k + 1, columns: Array(0..<k), responseColumn: k, observationCount: rows)
    }

    /// Fits from a reduced problem: `reduced` (`rows × ≥cols`, column-major) is `Qᵀ·[basis]` for an orthonormal
    /// Q, so the design is its `columns` and the response its `responseColumn`, both with `rows` entries that
    /// carry the whole norm. The fit equals the fit on the original rows.
    init(reduced: [Double], rows: Int, columns: [Int], responseColumn: Int, observationCount: Int) {
        let k = columns.count
        var design = [Double](repeating: 0, count: rows * k)
        for (j, column) in columns.enumerated() {
            for i in 0..<rows { design[j * rows + i] = reduced[column * rows + i] }
        }
        let z = Array(reduced[(responseColumn * rows)..<(responseColumn * rows + rows)])
        self.init(design: design, rows: rows, columnCount: k, response: z, tail: 0, observationCount: observationCount)
    }

    /// The pinv fit of the small problem `design` (`rows × columnCount`) against `response`, plus `tail`
    /// (squared residual norm outside the span of the rows kept), for `observationCount` original rows.
    ///
    /// A Householder QR first reduces it to a k×k triangle T. When ‖T‖_F·‖T⁻¹‖_F < 1e13 the design is
    /// certainly full rank under both statsmodels cut-offs (s_min/s_max > 1e-13 > k·ε, 1e-15), so the pinv
    /// solution is the least-squares one and comes from T directly; otherwise T goes through the Jacobi SVD.
    init(design: [Double], rows: Int, columnCount k: Int, response z: [Double], tail: Double, observationCount: Int) {
        let size = k + 1
        let t = HouseholderQR.triangularFactor(design + z, rows: rows, columns: size)
        let outside = tail + t[k * size + k] * t[k * size + k]
        let rotated = Array(t[(k * size)..<(k * size + k)])
        if let inverse = Self.inverseIfWellConditioned(t, size: size, columns: k) {
            var beta = [Double](repeating: 0, count: k)
            var rowNorms = [Double](repeating: 0, count: k)
            for j in 0..<k {
                for i in 0...j {
                    let value = inverse[j * k + i]
                    beta[i] += value * rotated[j]
                    rowNorms[i] += value * value
                }
            }
            let variance = outside / Double(observationCount - k)
            self.init(
                parameters: beta, standardErrors: rowNorms.map { ($0 * variance).squareRoot() },
                sumOfSquaredResiduals: outside, rank: k, observationCount: observationCount, columnCount: k)
            return
        }
        var triangle = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            for i in 0...j { triangle[j * k + i] = t[j * size + i] }
        }
        self.init(
            singularValueDesign: triangle, rows: k, columnCount: k, response: rotated, tail: outside,
            observationCount: observationCount)
    }

    private init(
        parameters: [Double], standardErrors: [Double], sumOfSquaredResiduals: Double, rank: Int,
        observationCount: Int, columnCount: Int
    ) {
        self.parameters = parameters
        self.standardErrors = standardErrors
        self.sumOfSquaredResiduals = sumOfSquaredResiduals
        self.rank = rank
        self.observationCount = observationCount
        self.columnCount = columnCount
    }

    /// The §2.4 pinv fit through the one-sided Jacobi SVD of `design` (`rows × columnCount`).
    private init(
        singularValueDesign design: [Double], rows: Int, columnCount k: Int, response z: [Double], tail: Double,
        observationCount: Int
    ) {
        self.init(
            decomposition: SingularValueDecomposition(design, rows: rows, columns: k), design: design,
            response: z, tail: tail, observationCount: observationCount)
    }

    /// The §2.4 pinv fit from the SVD `svd` of `design` (`svd.rows × svd.columns`).
    init(
        decomposition svd: SingularValueDecomposition, design: [Double], response z: [Double], tail: Double,
        observationCount: Int
    ) {
        let rows = svd.rows
        let k = svd.columns
        let largest = svd.values.max() ?? 0
        let cutoff = 1e-15 * largest
        let rankTolerance = largest * Double(k) * Double.ulpOfOne
        var rank = 0
        for s in svd.values where s > rankTolerance { rank += 1 }
        // β = Σ_{sᵢ > cutoff} vᵢ·(uᵢᵀz)/sᵢ with uᵢ·sᵢ = (A·V)ᵢ.
        var beta = [Double](repeating: 0, count: k)
        var inverseSquares = [Double](repeating: 0, count: k)
        for i in 0..<k where svd.values[i] > cutoff {
            var projection = 0.0
            for row in 0..<rows { projection += svd.scaledLeft[i * rows + row] * z[row] }
            let s2 = svd.values[i] * svd.values[i]
            inverseSquares[i] = 1 / s2
            let coefficient = projection / s2
            for j in 0..<k { beta[j] += svd.v[i * k + j] * coefficient }
        }
        var ssr = tail
        for row in 0..<rows {
            var fitted = 0.0
            for j in 0..<k { fitted += design[j * rows + row] * beta[j] }
            let residual = z[row] - fitted
            ssr += residual * residual
        }
        let variance = ssr / Double(observationCount - rank)
        var errors = [Double](repeating: 0, count: k)
        for j in 0..<k {
            var sum = 0.0
            for i in 0..<k { sum += svd.v[i * k + j] * svd.v[i * k + j] * inverseSquares[i] }
            errors[j] = (sum * variance).squareRoot()
        }
        self.parameters = beta
        self.standardErrors = errors
        self.sumOfSquaredResiduals = ssr
        self.rank = rank
        self.observationCount = observationCount
        self.columnCount = k
    }

    /// T⁻¹ (k×k, column-major) of the leading triangle of `t` (`size` rows), or `nil` unless
    /// ‖T‖_F·‖T⁻¹‖_F < 1e13.
    static func inverseIfWellConditioned(_ t: [Double], size: Int, columns k: Int) -> [Double]? {
        var inverse = [Double](repeating: 0, count: k * k)
        var normT = 0.0
        var normInverse = 0.0
        for j in 0..<k {
            let diagonal = t[j * size + j]
            guard diagonal != 0, diagonal.isFinite else { return nil }
            inverse[j * k + j] = 1 / diagonal
            var i = j - 1
            while i >= 0 {
                var s = 0.0
                for m in (i + 1)...j { s += t[m * size + i] * inverse[j * k + m] }
                inverse[j * k + i] = -s / t[i * size + i]
                i -= 1
            }
            for i in 0...j {
                normT += t[j * size + i] * t[j * size + i]
                normInverse += inverse[j * k + i] * inverse[j * k + i]
            }
        }
        let bound = (normT * normInverse).squareRoot()
        return bound < 1e13 ? inverse : nil
    }

    /// The same fit with refined coefficients (same residuals, rank and standard errors).
    func replacingParameters(_ parameters: [Double]) -> LeastSquares {
        var copy = self
        copy.parameters = parameters
        return copy
    }

    /// statsmodels' `llf` for a given `ssr` and `nobs`.
    static func logLikelihood(sumOfSquaredResiduals ssr: Double, observationCount: Int) -> Double {
        let half = Double(observationCount) / 2
        return -ElementaryFunctions.log(ssr) * half - (1 + ElementaryFunctions.log(Double.pi / half)) * half
    }
}
