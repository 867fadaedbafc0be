/// Finds a series' season length, in steps, from its data: the periodogram's significant lines checked against the
/// autocorrelation, as AUTOPERIOD does (Vlachos, Yu and Castelli, "On periodicity detection and structural periodic
/// similarity", SDM 2005).
///
/// 1. The series is detrended by its least-squares line (a trend would make every lag look correlated).
/// 2. **Periodogram lines.** The detrended series' periodogram (zero-padded to a power of two, `L` points) gives
///    the candidates: local maxima whose ordinate noise would exceed with probability below `alpha` after a
///    Bonferroni correction over the `L / 2` bins. Periodogram ordinates of noise over their mean are exponential,
///    so the threshold is `ln(L / 2 / alpha)` times the mean level of the bins from half to twice the frequency
///    (the line's own ±2 bins left out, at least 4 of them): measured locally, the level keeps red noise (a random
///    walk, whose spectrum falls as 1/f²) from passing its low frequencies for a season. Each line's frequency is
///    refined between bins by a parabola through the log ordinates, and gives the period `L / f` rounded to steps.
/// 3. **ACF check.** A period counts only where the autocorrelation (up to `n / 2` lags, so that the window holds
///    at least two seasons) is above the white-noise bound `z / √n` and `minimumCorrelation`: the harmonics of a
///    season that is not a sine are lines too, but fall in the autocorrelation's valleys. Of the periods left, the
///    strongest line's is the season: neighbouring lags often correlate alike (yearly sunspots: 0.64 at 10 years,
///    0.62 at 11), while the spectrum tells the cycle's lines apart (the 11-year line is twice the 10-year one).
///
/// Anything else — too short, constant, non-finite, no line, no correlation — is "no season" (`nil`).
public enum SeasonDetector {
    /// The season length in steps, or `nil` when the series has none.
    /// - Parameters:
    ///   - values: the resampled series, oldest first.
    ///   - maximumSeason: the longest season considered (default and at most `n / 2`).
    ///   - minimumCorrelation: the least autocorrelation at the season's lag.
    ///   - alpha: the periodogram test's level, before the Bonferroni correction.
    public static func season(
        _ values: [Double], maximumSeason: Int? = nil, minimumCorrelation: Double = 0.2, alpha: Double = 0.01
    ) -> Int? {
        let n = values.count
        let longest = min(maximumSeason ?? n / 2, n / 2)
        guard longest >= 2, values.allSatisfy(\.isFinite) else { return nil }
        let detrended = detrend(values)
        guard let acf = try? Autocorrelation(detrended, lags: longest) else { return nil }
        let bound = max(minimumCorrelation, 1.959963984540054 / Double(n).squareRoot())
        var best: (lag: Int, power: Double)?
        for line in linePeriods(detrended, alpha: alpha) {
            let lag = Int(line.period.rounded())
            guard lag >= 2, lag <= longest, acf.values[lag] > bound else { continue }
            if best.map({ line.power > $0.power }) ?? true { best = (lag, line.power) }
        }
        return best?.lag
    }

    /// `values` less their least-squares line.
    static func detrend(_ values: [Double]) -> [Double] {
        let n = Double(values.count)
        let meanX = (n - 1) / 2
        let meanY = values.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (index, value) in values.enumerated() {
            let dx = Double(index) - meanX
            sxx += dx * dx
            sxy += dx * (value - meanY)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return values.enumerated().map { index, value in value - meanY - slope * (Double(index) - meanX) }
    }

    /// The periods, in steps, of the periodogram's significant lines against the spectrum around each, with each
    /// line's ordinate.
    static func linePeriods(_ values: [Double], alpha: Double) -> [(period: Double, power: Double)] {
        let n = values.count
        guard let fft = FFT(length: FFT.powerOfTwo(atLeast: n)) else { return [] }
        var real = values + [Double](repeating: 0, count: fft.length - n)
        var imaginary = [Double](repeating: 0, count: fft.length)
        fft.forward(real: &real, imaginary: &imaginary)
        let bins = fft.length / 2
        guard bins >= 8 else { return [] }
        // power[b] is the ordinate of frequency b / L cycles per step, b = 0…bins.
        let power = (0...bins).map { real[$0] * real[$0] + imaginary[$0] * imaginary[$0] }
        let factor = ElementaryFunctions.log(Double(bins) / alpha)
        // Running sums of the ordinates, for the level around each line in constant time.
        var sums = [0.0]
        for ordinate in power { sums.append(sums[sums.count - 1] + ordinate) }
        func total(_ from: Int, _ to: Int) -> (sum: Double, count: Int) {
            to < from ? (0, 0) : (sums[to + 1] - sums[from], to - from + 1)
        }
        var periods: [(period: Double, power: Double)] = []
        for bin in 2..<bins where power[bin] > power[bin - 1] && power[bin] >= power[bin + 1] {
            let below = total(max(1, bin / 2), bin - 3)
            let above = total(bin + 3, min(bins, bin * 2))
            let count = below.count + above.count
            guard count >= 4 else { continue }
            let level = (below.sum + above.sum) / Double(count)
            guard level > 0, power[bin] > level * factor else { continue }
            let (left, center, right) = (
                ElementaryFunctions.log(power[bin - 1]), ElementaryFunctions.log(power[bin]),
                ElementaryFunctions.log(power[bin + 1])
            )
            let curvature = left - 2 * center + right
            let shift = curvature < 0 ? max(-0.5, min(0.5, 0.5 * (left - right) / curvature)) : 0
            periods.append((Double(fft.length) / (Double(bin) + shift), power[bin]))
        }
        return periods
    }
}
