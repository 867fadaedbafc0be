/// The sample autocorrelation function, as statsmodels `acf(x)` computes it with its defaults.
///
/// `adjusted=False`, demeaned: `d = x − mean(x)`, `γₖ = Σ_{t=k}^{n−1} dₜ·dₜ₋ₖ / n` (denominator n at
/// every lag), `acfₖ = γₖ/γ₀` for `k = 0…nlags` (algorithms.md §3). statsmodels sums by FFT; both methods here
/// agree with it to ~1e-14.
public struct Autocorrelation: Sendable, Hashable {
    /// How the autocovariances are summed.
    public enum Method: Sendable, Hashable {
        /// Direct sums, O(n·nlags): the faster choice for the default lag count.
        case direct
        /// Zero-padded FFT, O(n log n): the faster choice for many lags.
        case fft
        /// `direct` when `nlags` is small against log₂ n, otherwise `fft`.
        case automatic
    }

    /// `acf₀ … acf_nlags`; `values[0] == 1`.
    public let values: [Double]

    /// The highest lag computed.
    public var lagCount: Int { values.count - 1 }

    /// statsmodels' default number of lags, `min(⌊10·log₁₀ n⌋, n − 1)` (12→10, 720→28, 8640→39).
    /// - Parameter length: the series length `n`, at least 1.
    /// - Returns: the default `nlags`, 0 for an empty series.
    public static func defaultLagCount(forLength length: Int) -> Int {
        guard length > 0 else { return 0 }
        let lags = Int((10 * ElementaryFunctions.log10(Double(length))).rounded(.towardZero))
        return Swift.min(lags, length - 1)
    }

    /// Computes the autocorrelations of `values` for lags `0…nlags` (statsmodels `acf(x, nlags=nlags)`).
    ///
    /// statsmodels returns all-NaN for a constant series (0/0) and for NaN input; here those throw instead.
    /// - Parameters:
    ///   - values: the series.
    ///   - lags: the highest lag; `nil` for ``defaultLagCount(forLength:)``. Capped at `n − 1` like statsmodels.
    ///   - method: how to sum; the results agree to rounding.
    /// - Throws: `AnalysisError.tooShort` for fewer than two values, `.nonFinite` for NaN/±∞,
    ///   `.constant` when all values are equal, `.invalidArgument` for negative `lags`.
    public init(_ values: [Double], lags: Int? = nil, method: Method = .automatic) throws(AnalysisError) {
        let n = values.count
        guard n >= 2 else { throw .tooShort("autocorrelation needs at least 2 values, got \(n)") }
        if let lags, lags < 0 { throw .invalidArgument("nlags must be non-negative, got \(lags)") }
        var sum = 0.0
        var finite = true
        var varies = false
        let first = values[0]
        for value in values {
            sum += value
            finite = finite && value.isFinite
            varies = varies || value != first
        }
        guard finite else { throw .nonFinite("autocorrelation input holds NaN or infinity") }
        guard varies else { throw .constant("autocorrelation of a constant series is undefined") }
        let nlags = Swift.min(lags ?? Self.defaultLagCount(forLength: n), n - 1)
        let mean = sum / Double(n)
        let demeaned = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            for (i, value) in values.enumerated() { buffer[i] = value - mean }
            initialized = n
        }
        let useFFT: Bool
        switch method {
        case .direct: useFFT = false
        case .fft: useFFT = true
        case .automatic:
            let log2n = Double(Int.bitWidth - n.leadingZeroBitCount)
            useFFT = Double(nlags + 1) > 12 * log2n
        }
        let covariances = useFFT ? Self.fftSums(demeaned, lags: nlags) : Self.directSums(demeaned, lags: nlags)
        guard covariances[0] > 0 else { throw .constant("autocorrelation: the demeaned series is zero") }
        self.values = covariances.map { $0 / covariances[0] }
    }

    /// Σ_{t=k}^{n−1} dₜ·dₜ₋ₖ for k = 0…lags, by direct summation (``DotProduct``).
    static func directSums(_ d: [Double], lags: Int) -> [Double] {
        (0...lags).map { k in DotProduct.sum(d, from: 0, d, from: k, count: d.count - k) }
    }

    /// The same sums as ``directSums(_:lags:)`` from `IFFT(|FFT(d)|²)`, zero-padded to a power of two ≥ 2n.
    static func fftSums(_ d: [Double], lags: Int) -> [Double] {
        let n = d.count
        let length = FFT.powerOfTwo(atLeast: 2 * n)
        guard let fft = FFT(length: length) else { return directSums(d, lags: lags) }
        var real = d + [Double](repeating: 0, count: length - n)
        var imaginary = [Double](repeating: 0, count: length)
        fft.forward(real: &real, imaginary: &imaginary)
        for i in 0..<length {
            real[i] = real[i] * real[i] + imaginary[i] * imaginary[i]
            imaginary[i] = 0
        }
        fft.inverse(real: &real, imaginary: &imaginary)
        let scale = 1 / Double(length)
        return (0...lags).map { real[$0] * scale }
    }
}
