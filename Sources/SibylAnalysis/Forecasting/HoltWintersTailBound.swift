import Foundation

/// A lower bound of the SSE that a grid point still has to accumulate, from the ARIMA form of additive
/// Holt-Winters, for pruning the start grid before the end of the series.
///
/// With one-step errors `e_t` the recursion of §5.1 gives, for every `t ≥ m + 1` and whatever the start states,
///
///     w_t = y_t − y_{t−1} − y_{t−m} + y_{t−m−1} = Σ_{i=0}^{m+1} θ_i·e_{t−i},
///     θ(z) = (1 − z)(1 − z^m) + (α(1 + β)·z − α·z²)·(1 + z + … + z^{m−1}) + γ·(z^m − z^{m+1})
///
/// (ARIMA(0,1,m+1)(0,1,0)_m). The `w_k` with `k ≥ t + m + 1` depend only on the errors from `t` on, through a
/// banded Toeplitz operator whose norm is at most `M = max_ω |θ(e^{iω})|`, so
/// `Σ_{j≥t} e_j² ≥ Σ_{k≥t+m+1} w_k² / M²`: a point whose running SSE plus that bound passes the best SSE
/// known can be dropped at `t`, exactly as one whose running SSE alone does.
struct HoltWintersTailBound {
    /// `suffix[t] = Σ_{k ≥ max(t, 0) + m + 1} w_k²` for `t` in `0 ... n`.
    let suffix: [Double]

    /// Sums the squared seasonal-and-ordinary differences of `y` from the end.
    init(y: UnsafeBufferPointer<Double>, period: Int) {
        let count = y.count
        var suffix = [Double](repeating: 0, count: count + 1)
        var sum = 0.0
        for t in stride(from: count - 1, through: 0, by: -1) {
            let k = t + period + 1
            if k < count {
                let w = ((y[k] - y[k - 1]) - y[k - period]) + y[k - period - 1]
                sum += w * w
            }
            suffix[t] = sum
        }
        self.suffix = suffix
    }

    /// The bound's numerator after the first `t` observations (0 past the end).
    func tail(after t: Int) -> Double {
        t < suffix.count ? suffix[t] : 0
    }

    /// Samples of `|θ(e^{iω})|²` taken on `[0, π]`.
    static let samples = 256

    /// `1/M²` for `(α, β, γ)` and period m, rounded down: `M²` is bounded from above by the largest of 256
    /// samples of the cosine polynomial `|θ(e^{iω})|²` (degree `m + 1`) divided by `1 − (m + 1)·h/2`, `h` the
    /// sample spacing (Bernstein's inequality bounds its slope by `(m + 1)·max`). 0, which turns the bound off,
    /// when that divisor is below 1/2 (m > 80) or the maximum is not a positive number.
    static func weight(alpha: Double, beta: Double, gamma: Double, period: Int, cosines: [Double]) -> Double {
        let degree = period + 1
        let spacing = Double.pi / Double(samples - 1)
        let slack = 1 - Double(degree) * spacing / 2
        guard slack >= 0.5 else { return 0 }
        var theta = [Double](repeating: 0, count: degree + 1)
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
        // |θ(e^{iω})|² = a_0 + 2·Σ_k a_k·cos(kω), a_k = Σ_i θ_i·θ_{i+k}.
        var autocovariance = [Double](repeating: 0, count: degree + 1)
        for lag in 0...degree {
            for index in 0...(degree - lag) { autocovariance[lag] += theta[index] * theta[index + lag] }
        }
        var largest = 0.0
        for sample in 0..<samples {
            var value = autocovariance[0]
            for lag in 1...degree { value += 2 * autocovariance[lag] * cosines[sample * (degree + 1) + lag] }
            largest = Swift.max(largest, value)
        }
        guard largest > 0, largest.isFinite else { return 0 }
        return slack / largest * (1 - 1e-9)
    }

    /// `cos(k·ω_j)` for the 256 sample frequencies `ω_j = j·π/255` and `k` in `0 ... m + 1`, row-major by sample.
    static func cosines(period: Int) -> [Double] {
        let degree = period + 1
        var table = [Double](repeating: 0, count: samples * (degree + 1))
        for sample in 0..<samples {
            let omega = Double(sample) * Double.pi / Double(samples - 1)
            for lag in 0...degree { table[sample * (degree + 1) + lag] = cos(Double(lag) * omega) }
        }
        return table
    }

    /// ``weight(alpha:beta:gamma:period:cosines:)`` for every point of `grid`.
    static func weights(_ grid: [(alpha: Double, beta: Double, gamma: Double)], period: Int) -> [Double] {
        let table = cosines(period: period)
        return grid.map { weight(alpha: $0.alpha, beta: $0.beta, gamma: $0.gamma, period: period, cosines: table) }
    }
}
