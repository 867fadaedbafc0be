/// The standard normal distribution's CDF and the complementary error function, in pure Swift.
enum NormalDistribution {
    /// 2/√π.
    private static let twoOverSqrtPi = 1.1283791670955126
    /// 1/√π.
    private static let oneOverSqrtPi = 0.5641895835477563
    /// 1/√2.
    private static let oneOverSqrt2 = 0.7071067811865476

    /// Φ(z) = ½·erfc(−z/√2), the standard normal CDF (scipy `norm.cdf`), relatively accurate in both tails.
    static func cdf(_ z: Double) -> Double {
        if z.isNaN { return z }
        return 0.5 * erfc(-z * oneOverSqrt2)
    }

    /// erfc(x) = 1 − erf(x): the series erf x = (2/√π)·e^(−x²)·Σ 2ᵏx^(2k+1)/(2k+1)!! below 2, and the
    /// Laplace continued fraction erfc x = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))) above.
    static func erfc(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 { return 2 - erfc(-x) }
        if x > 27.3 { return 0 }
        let gaussian = ElementaryFunctions.exp(-x * x)
        if x < 2 {
            let twoX2 = 2 * x * x
            var term = x
            var sum = x
            var k = 1
            while k < 200 {
                term *= twoX2 / Double(2 * k + 1)
                sum += term
                if term < sum * 1e-17 { break }
                k += 1
            }
            return 1 - twoOverSqrtPi * gaussian * sum
        }
        var fraction = x
        var k = 240
        while k >= 1 {
            fraction = x + (Double(k) * 0.5) / fraction
            k -= 1
        }
        return gaussian * oneOverSqrtPi / fraction
    }

    /// Φ⁻¹(p), the standard normal quantile, by bisection on ``cdf(_:)`` to the last bit (NaN outside (0, 1)).
    static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return .nan }
        var low = -40.0
        var high = 40.0
        while true {
            let middle = 0.5 * (low + high)
            guard middle > low, middle < high else { return middle }
            if cdf(middle) < p { low = middle } else { high = middle }
        }
    }
}
