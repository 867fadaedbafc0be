/// The ADF regression sample for one lag order, reduced to a small triangular factor that every regression on
/// its columns can be solved from.
///
/// Rows `j = P…n−2` (`nobs = n − 1 − P`, algorithms.md §2.3). Basis columns, in this order: the constant,
/// the trend terms `t` and `t²` (`t = 1…nobs`, as requested), the level `x[j]`, the lagged differences
/// `dx[j−1] … dx[j−P]`, and last the response `dx[j]`. `r` is the K×K upper-triangular R of a QR of that
/// basis, so any regression of the response on a subset of the other columns is the same regression on the
/// columns of `r` (Qᵀ preserves every inner product). R is built from the constant and the *centred*
/// columns: their Gram matrix is summed in O(n·P) with sliding windows (the lag columns are shifts of one
/// series), scaled to unit diagonal and Cholesky-factored; when a pivot shows the centred columns are nearly
/// collinear, a Householder QR of the explicit centred columns is used instead. Centring keeps the
/// 1e9–1e12 magnitudes of raw gauges out of the Gram matrix, and the constant's row restores them exactly.
struct DickeyFullerDesign {
    /// Number of trend columns after the constant (0, 1 for `t`, 2 for `t` and `t²`).
    let trendColumns: Int
    /// The lag order P of the sample.
    let lags: Int
    /// Rows of the sample, `n − 1 − P`.
    let observationCount: Int
    /// Basis size K = 3 + trendColumns + lags.
    let size: Int
    /// K×K upper-triangular factor, column-major.
    let r: [Double]
    /// statsmodels `add_trend(has_constant="skip")`: the level or a lag column is constant and non-zero.
    let hasConstantColumn: Bool
    /// What a refinement step of the final regression needs; `nil` when R came from the Householder path.
    let gramPath: GramPath?

    /// The centring and the factor of the sliding-Gram path, kept for ``refinedParameters(_:columns:)``.
    struct GramPath {
        /// The series the sample was built from.
        let series: [Double]
        /// Per centred column: the shift subtracted first (exactly, in the common case) …
        let shifts: [Double]
        /// … and the small residual mean removed after it.
        let residualMeans: [Double]
        /// The centred factor Rc, column-major, `(size − 1)²`.
        let rc: [Double]
        /// The smallest scaled Cholesky pivot (1 for orthogonal columns).
        let smallestPivot: Double
    }

    /// Basis index of the level column.
    var levelIndex: Int { 1 + trendColumns }
    /// Basis index of the response.
    var responseIndex: Int { size - 1 }
    /// Basis index of lag `a` (1…P).
    func lagIndex(_ a: Int) -> Int { levelIndex + a }

    /// Smallest scaled-Cholesky pivot accepted: below it the centred columns are too collinear for the Gram path.
    private static let minimumPivot = 1e-3

    /// Builds the sample of lag order `lags` of the series `x` (finite, `n ≥ lags + 2`).
    init(series x: [Double], lags: Int, trendColumns: Int) {
        let n = x.count
        let nobs = n - 1 - lags
        var dx = [Double](repeating: 0, count: n - 1)
        for j in 0..<(n - 1) { dx[j] = x[j + 1] - x[j] }
        self.trendColumns = trendColumns
        self.lags = lags
        self.observationCount = nobs
        self.size = 3 + trendColumns + lags
        self.hasConstantColumn = Self.hasConstantColumn(x: x, dx: dx, lags: lags, nobs: nobs)
        let centred = size - 1
        let factor: (rc: [Double], means: [Double])
        if let gram = Self.slidingGram(x: x, dx: dx, lags: lags, nobs: nobs, trendColumns: trendColumns),
            let cholesky = Self.scaledCholesky(gram.gram, dimension: centred)
        {
            let means = zip(gram.shifts, gram.residualMeans).map { $0 + $1 }
            factor = (cholesky.rc, means)
            gramPath = GramPath(
                series: x, shifts: gram.shifts, residualMeans: gram.residualMeans, rc: cholesky.rc,
                smallestPivot: cholesky.smallestPivot)
        } else {
            factor = Self.householder(x: x, dx: dx, lags: lags, nobs: nobs, trendColumns: trendColumns)
            gramPath = nil
        }
        let k = size
        var r = [Double](repeating: 0, count: k * k)
        let root = Double(nobs).squareRoot()
        r[0] = root
        for c in 0..<centred {
            r[(c + 1) * k] = root * factor.means[c]
            for i in 0...c { r[(c + 1) * k + i + 1] = factor.rc[c * centred + i] }
        }
        self.r = r
    }

    /// The pinv fit of the response on the basis `columns`, in that order.
    func fit(columns: [Int]) -> LeastSquares {
        LeastSquares(
            reduced: r, rows: size, columns: columns, responseColumn: responseIndex,
            observationCount: observationCount)
    }

    /// add_trend's check on `[level, lag 1…P]`: some column has zero range and a non-zero first value.
    private static func hasConstantColumn(x: [Double], dx: [Double], lags: Int, nobs: Int) -> Bool {
        func constantNonZero(_ values: ArraySlice<Double>) -> Bool {
            guard let first = values.first, first != 0 else { return false }
            return values.allSatisfy { $0 == first }
        }
        if constantNonZero(x[lags..<(lags + nobs)]) { return true }
        for a in stride(from: 1, through: lags, by: 1) where constantNonZero(dx[(lags - a)..<(lags - a + nobs)]) {
            return true
        }
        return false
    }

    /// Centred Gram matrix of `[t, t², level, lag 1…P, response]` (as requested) and the columns' means.
    private static func slidingGram(
        x: [Double], dx: [Double], lags: Int, nobs: Int, trendColumns: Int
    ) -> (gram: [Double], shifts: [Double], residualMeans: [Double])? {
        let m = trendColumns + lags + 2
        let fn = Double(nobs)
        var gram = [Double](repeating: 0, count: m * m)
        var shifts = [Double](repeating: 0, count: m)
        var residualMeans = [Double](repeating: 0, count: m)
        func set(_ i: Int, _ j: Int, _ value: Double) {
            gram[i * m + j] = value
            gram[j * m + i] = value
        }
        let level = trendColumns
        let response = m - 1
        func lagColumn(_ a: Int) -> Int { a == 0 ? response : level + a }
        // Lagged differences, shifted by their global mean: lag a is dxs[(P − a) + i], i < nobs.
        var dxSum = 0.0
        for value in dx { dxSum += value }
        let dxShift = dxSum / Double(dx.count)
        let dxs = dx.map { $0 - dxShift }
        var windowMeans = [Double](repeating: 0, count: lags + 1)
        var windowSum = 0.0
        for i in 0..<nobs { windowSum += dxs[lags + i] }
        windowMeans[0] = windowSum / fn
        for a in stride(from: 1, through: lags, by: 1) {
            windowSum += dxs[lags - a] - dxs[lags - a + nobs]
            windowMeans[a] = windowSum / fn
        }
        for a in 0...lags {
            shifts[lagColumn(a)] = dxShift
            residualMeans[lagColumn(a)] = windowMeans[a]
        }
        dxs.withUnsafeBufferPointer { d in
            for distance in 0...lags {
                guard let base = d.baseAddress else { return }
                var s = DotProduct.sum(base + lags, base + lags - distance, count: nobs)
                set(lagColumn(0), lagColumn(distance), s - fn * windowMeans[0] * windowMeans[distance])
                var a = 1
                while a + distance <= lags {
                    s += d[lags - a] * d[lags - a - distance] - d[lags - a + nobs] * d[lags - a + nobs - distance]
                    set(lagColumn(a), lagColumn(a + distance), s - fn * windowMeans[a] * windowMeans[a + distance])
                    a += 1
                }
            }
        }
        // Level and trend columns, explicitly centred; their products with everything are direct sums.
        var levelSum = 0.0
        for i in 0..<nobs { levelSum += x[lags + i] }
        let levelShift = levelSum / fn
        var dense: [[Double]] = []
        var denseIndex: [Int] = []
        var denseMeans: [Double] = []
        if trendColumns >= 1 {
            let centre = (fn + 1) / 2
            dense.append((0..<nobs).map { Double($0 + 1) - centre })
            denseIndex.append(0)
            denseMeans.append(centre)
        }
        if trendColumns >= 2 {
            let centre = (fn + 1) * (2 * fn + 1) / 6
            dense.append((0..<nobs).map { Double(($0 + 1) * ($0 + 1)) - centre })
            denseIndex.append(1)
            denseMeans.append(centre)
        }
        dense.append((0..<nobs).map { x[lags + $0] - levelShift })
        denseIndex.append(level)
        denseMeans.append(levelShift)
        var denseResidualMeans = [Double](repeating: 0, count: dense.count)
        for (c, column) in dense.enumerated() {
            var sum = 0.0
            for value in column { sum += value }
            denseResidualMeans[c] = sum / fn
            shifts[denseIndex[c]] = denseMeans[c]
            residualMeans[denseIndex[c]] = denseResidualMeans[c]
        }
        for (c, column) in dense.enumerated() {
            let mc = denseResidualMeans[c]
            for (e, other) in dense.enumerated() where e >= c {
                set(denseIndex[c], denseIndex[e], dot(column, other, 0) - fn * mc * denseResidualMeans[e])
            }
            for a in 0...lags {
                set(denseIndex[c], lagColumn(a), dot(column, dxs, lags - a) - fn * mc * windowMeans[a])
            }
        }
        return (gram, shifts, residualMeans)
    }

    /// Σᵢ column[i]·other[offset + i] over the column's length.
    private static func dot(_ column: [Double], _ other: [Double], _ offset: Int) -> Double {
        DotProduct.sum(column, from: 0, other, from: offset, count: column.count)
    }

    /// Upper factor `Rc = Lᵀ·D` of `G = D·L·Lᵀ·D` (D = √diag G) and its smallest pivot, or `nil` when a scaled
    /// pivot is too small.
    private static func scaledCholesky(_ g: [Double], dimension m: Int) -> (rc: [Double], smallestPivot: Double)? {
        var d = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let diagonal = g[i * m + i]
            guard diagonal > 0, diagonal.isFinite else { return nil }
            d[i] = diagonal.squareRoot()
        }
        var l = [Double](repeating: 0, count: m * m)
        var smallestPivot = 1.0
        for j in 0..<m {
            var pivot = 1.0
            for k in 0..<j { pivot -= l[j * m + k] * l[j * m + k] }
            guard pivot >= minimumPivot else { return nil }
            smallestPivot = Swift.min(smallestPivot, pivot)
            let ljj = pivot.squareRoot()
            l[j * m + j] = ljj
            for i in (j + 1)..<Swift.max(m, j + 1) {
                var s = g[i * m + j] / (d[i] * d[j])
                for k in 0..<j { s -= l[i * m + k] * l[j * m + k] }
                l[i * m + j] = s / ljj
            }
        }
        var rc = [Double](repeating: 0, count: m * m)
        for j in 0..<m {
            for i in 0...j { rc[j * m + i] = l[j * m + i] * d[j] }
        }
        return (rc, smallestPivot)
    }

    /// The same factor by Householder QR of the explicit, twice-centred columns (nearly collinear designs).
    private static func householder(
        x: [Double], dx: [Double], lags: Int, nobs: Int, trendColumns: Int
    ) -> (rc: [Double], means: [Double]) {
        var columns: [[Double]] = []
        if trendColumns >= 1 { columns.append((0..<nobs).map { Double($0 + 1) }) }
        if trendColumns >= 2 { columns.append((0..<nobs).map { Double(($0 + 1) * ($0 + 1)) }) }
        columns.append(Array(x[lags..<(lags + nobs)]))
        for a in stride(from: 1, through: lags, by: 1) { columns.append(Array(dx[(lags - a)..<(lags - a + nobs)])) }
        columns.append(Array(dx[lags..<(lags + nobs)]))
        var means = [Double](repeating: 0, count: columns.count)
        var matrix = [Double]()
        matrix.reserveCapacity(nobs * columns.count)
        for (c, column) in columns.enumerated() {
            var centred = column
            var total = 0.0
            for _ in 0..<2 {
                var sum = 0.0
                for value in centred { sum += value }
                let mean = sum / Double(nobs)
                total += mean
                for i in 0..<nobs { centred[i] -= mean }
            }
            means[c] = total
            matrix += centred
        }
        let rc = HouseholderQR.triangularFactor(matrix, rows: nobs, columns: columns.count)
        return (rc, means)
    }
}
