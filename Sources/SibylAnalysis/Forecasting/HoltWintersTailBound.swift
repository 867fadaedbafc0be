import CHoltWintersKernel

/// Lower bounds of the SSE that a grid point still has to accumulate, from the ARIMA form of additive
/// Holt-Winters, for pruning the start grid before the end of the series.
///
/// With one-step errors `e_t` the recursion of §5.1 gives, for every `t ≥ m + 1` and whatever the start states,
///
///     w_t = y_t − y_{t−1} − y_{t−m} + y_{t−m−1} = Σ_{i=0}^{m+1} θ_i·e_{t−i},
///     θ(z) = (1 − z)(1 − z^m) + (α(1 + β)·z − α·z²)·(1 + z + … + z^{m−1}) + γ·(z^m − z^{m+1})
///
/// (ARIMA(0,1,m+1)(0,1,0)_m). Filtered by a fixed `φ(z)`, `v = φ·w = (φθ)·e`; the `v_k` with
/// `k ≥ t + m + 1 + deg φ` depend only on the errors from `t` on, through a banded Toeplitz operator whose norm
/// is at most `max_ω |φθ(e^{iω})|`, so `Σ_{j≥t} e_j² ≥ Σ_k v_k² / max|φθ|²`. Two filters are used: `φ = 1`,
/// and `φ = (1 + z)²`, which removes the peak of `|θ|` at `ω = π` of the points with little smoothing (their
/// bound is 4× to 10× tighter). A point whose running SSE plus the larger bound passes the best SSE known can
/// be dropped at `t`, exactly as one whose running SSE alone does.
struct HoltWintersTailBound {
    /// `plain[t] = Σ_{k ≥ t + m + 1} w_k²` for `t` in `0 ... n`.
    let plain: [Double]
    /// `smooth[t] = Σ_{k ≥ t + m + 3} (w_k + 2w_{k−1} + w_{k−2})²` for `t` in `0 ... n`.
    let smooth: [Double]

    /// Sums the squared differences of `y` (and their smoothed values) from the end.
    init(y: UnsafeBufferPointer<Double>, period: Int) {
        let count = y.count
        func w(_ k: Int) -> Double { ((y[k] - y[k - 1]) - y[k - period]) + y[k - period - 1] }
        var plain = [Double](repeating: 0, count: count + 1)
        var smooth = [Double](repeating: 0, count: count + 1)
        var plainSum = 0.0
        var smoothSum = 0.0
        for t in stride(from: count - 1, through: 0, by: -1) {
            let k = t + period + 1
            if k < count { plainSum += w(k) * w(k) }
            if k + 2 < count {
                let v = (w(k + 2) + 2 * w(k + 1)) + w(k)
                smoothSum += v * v
            }
            plain[t] = plainSum
            smooth[t] = smoothSum
        }
        self.plain = plain
        self.smooth = smooth
    }

    /// The bounds' numerators after the first `t` observations (0 past the end).
    func tails(after t: Int) -> (plain: Double, smooth: Double) {
        t < plain.count ? (plain[t], smooth[t]) : (0, 0)
    }

    /// Samples of `|θ(e^{iω})|²` taken on `[0, π]`.
    static let samples = 256

    /// `1/max|θ|²` and `1/max|(1 + z)²θ|²` for `(α, β, γ)` and period m, rounded down: each maximum is bounded
    /// from above by the largest of 256 samples of the cosine polynomial (degree `d = m + 1`, resp. `m + 3`)
    /// divided by `1 − d·h/2`, `h` the sample spacing (Bernstein's inequality bounds its slope by `d·max`). A
    /// weight is 0, which turns its bound off, when that divisor is below 1/2 (m > 80, resp. m > 78) or the
    /// maximum is not a positive number.
    static func weights(
        alpha: Double, beta: Double, gamma: Double, period: Int, cosines: [Double]
    ) -> (plain: Double, smooth: Double) {
        let theta = Self.theta(alpha: alpha, beta: beta, gamma: gamma, period: period)
        var smoothed = [Double](repeating: 0, count: period + 4)
        for (index, coefficient) in theta.enumerated() {
            smoothed[index] += coefficient
            smoothed[index + 1] += 2 * coefficient
            smoothed[index + 2] += coefficient
        }
        return (weight(theta, cosines: cosines, period: period), weight(smoothed, cosines: cosines, period: period))
    }

    /// The coefficients `θ_0 … θ_{m+1}` of `θ(z)` (see the type's documentation).
    static func theta(alpha: Double, beta: Double, gamma: Double, period: Int) -> [Double] {
        var theta = [Double](repeating: 0, count: period + 2)
        theta[0] = 1
        theta[1] = -1
        theta[period] -= 1
        theta[period + 1] += 1
        for k in 0..<period {
            theta[1 + k] += alpha * (1 + beta)
            theta[2 + k] -= alpha
        }
        theta[period] += gamma
        theta[period + 1] -= gamma
        return theta
    }

    /// `1/max_ω |p(e^{iω})|²` rounded down, for a real polynomial `p` of degree at most `m + 3`.
    private static func weight(_ polynomial: [Double], cosines: [Double], period: Int) -> Double {
        let degree = polynomial.count - 1
        let stride = period + 4
        let spacing = Double.pi / Double(samples - 1)
        let slack = 1 - Double(degree) * spacing / 2
        guard slack >= 0.5 else { return 0 }
        // |p(e^{iω})|² = a_0 + 2·Σ_k a_k·cos(kω), a_k = Σ_i p_i·p_{i+k}.
        var autocovariance = [Double](repeating: 0, count: degree + 1)
        for lag in 0...degree {
            for index in 0...(degree - lag) { autocovariance[lag] += polynomial[index] * polynomial[index + lag] }
        }
        var largest = 0.0
        for sample in 0..<samples {
            var value = autocovariance[0]
            for lag in 1...degree { value += 2 * autocovariance[lag] * cosines[sample * stride + lag] }
            largest = Swift.max(largest, value)
        }
        guard largest > 0, largest.isFinite else { return 0 }
        return slack / largest * (1 - 1e-9)
    }

    /// `cos(k·ω_j)` for the 256 sample frequencies `ω_j = j·π/255` and `k` in `0 ... m + 3`, row-major by sample
    /// (libm's cosine, through the C kernel target).
    static func cosines(period: Int) -> [Double] {
        let stride = period + 4
        var table = [Double](repeating: 0, count: samples * stride)
        for sample in 0..<samples {
            let omega = Double(sample) * Double.pi / Double(samples - 1)
            for lag in 0..<stride { table[sample * stride + lag] = sibyl_hw_cos(Double(lag) * omega) }
        }
        return table
    }

    /// ``weights(alpha:beta:gamma:period:cosines:)`` for every point of `grid`, interleaved: plain, smooth.
    static func weights(_ grid: [(alpha: Double, beta: Double, gamma: Double)], period: Int) -> [Double] {
        let table = cosines(period: period)
        var result: [Double] = []
        result.reserveCapacity(2 * grid.count)
        for point in grid {
            let pair = weights(alpha: point.alpha, beta: point.beta, gamma: point.gamma, period: period, cosines: table)
            result.append(pair.plain)
            result.append(pair.smooth)
        }
        return result
    }
}
