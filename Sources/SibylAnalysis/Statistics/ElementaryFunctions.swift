/// Logarithm, exponential, sine and cosine in pure Swift, since `SibylAnalysis` imports only the standard library.
///
/// Each function reduces its argument exactly (Cody–Waite splitting of ln 2 and π/2) and sums a
/// Taylor series far enough for double precision; the results are within a few ulps of libm's.
enum ElementaryFunctions {
    /// ln 2 split so that `k·ln2High` is exact for |k| < 2¹¹.
    private static let ln2High = 0.6931471805598903
    /// ln 2 − `ln2High`.
    private static let ln2Low = 5.497923018708371e-14
    /// π/2 split so that `k·halfPiHigh` is exact for |k| < 2²⁶.
    private static let halfPiHigh = 1.5707963109016418
    /// π/2 − `halfPiHigh` (to double precision).
    private static let halfPiLow = 1.5893254773528196e-08
    /// √2, the upper end of the reduced range of `log`.
    private static let sqrt2 = 1.4142135623730951

    /// Natural logarithm: x = 2ᵉ·m, m ∈ (1/√2, √2], ln m = 2·atanh((m−1)/(m+1)) by its series.
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var exponent = Int(x.exponent)
        var mantissa = x.significand
        if mantissa > sqrt2 {
            mantissa *= 0.5
            exponent += 1
        }
        let f = mantissa - 1
        let s = f / (2 + f)
        let s2 = s * s
        var series = 0.0
        var k = 13
        while k >= 1 {
            series = series * s2 + 1 / Double(2 * k + 1)
            k -= 1
        }
        // ln m = 2s + 2s³·(1/3 + s²/5 + s⁴/7 + …); the leading 2s carries the precision near 1.
        let lnMantissa = 2 * s + 2 * s * s2 * series
        let e = Double(exponent)
        return e * ln2High + (lnMantissa + e * ln2Low)
    }

    /// Base-10 logarithm, ln x / ln 10, exact at powers of ten.
    static func log10(_ x: Double) -> Double {
        if x > 0, x.isFinite, x == x.rounded() {
            var power = 1.0
            var exponent = 0.0
            while power < x {
                power *= 10
                exponent += 1
            }
            if power == x { return exponent }
        }
        return log(x) * 0.4342944819032518
    }

    /// Exponential: x = k·ln 2 + r with |r| ≤ ln2/2, eʳ by its Taylor series, scaled by 2ᵏ.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        let k = (x / 0.6931471805599453).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var sum = 1.0
        var n = 16
        while n >= 1 {
            sum = 1 + sum * r / Double(n)
            n -= 1
        }
        let scale = Int(k)
        if scale > 1000 {
            return Double(sign: .plus, exponent: scale - 1000, significand: sum) * 0x1p1000
        }
        if scale < -1000 {
            return Double(sign: .plus, exponent: scale + 1000, significand: sum) * 0x1p-1000
        }
        return Double(sign: .plus, exponent: scale, significand: sum)
    }

    /// sin x and cos x together: x = k·π/2 + r with |r| ≤ π/4, Taylor series of sin r and cos r, quadrant swap.
    static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        if !x.isFinite { return (.nan, .nan) }
        let k = (x / 1.5707963267948966).rounded()
        let r = (x - k * halfPiHigh) - k * halfPiLow
        let r2 = r * r
        var sinSeries = 0.0
        var cosSeries = 0.0
        var n = 12
        while n >= 1 {
            sinSeries = 1 - sinSeries * r2 / Double((2 * n) * (2 * n + 1))
            cosSeries = 1 - cosSeries * r2 / Double((2 * n - 1) * (2 * n))
            n -= 1
        }
        let s = r * sinSeries
        let c = cosSeries
        let quadrant = Int(k.truncatingRemainder(dividingBy: 4))
        switch (quadrant + 4) % 4 {
        case 0: return (s, c)
        case 1: return (c, -s)
        case 2: return (-s, -c)
        default: return (-c, s)
        }
    }
}
