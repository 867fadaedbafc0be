import SibylAnalysis
import SibylTestSupport
import Testing

struct AutocorrelationTests {
    /// Every `acf` call of the public cases, as (case, label).
    static let calls: [String] = OracleCase.publicIDs.flatMap { id in ["\(id)/default", "\(id)/nlags40"] }

    @Test("matches statsmodels acf, direct and FFT", arguments: calls)
    func matchesOracle(call: String) throws {
        let parts = call.split(separator: "/").map(String.init)
        let oracle = try OracleCase.load(parts[0])
        let want = try #require(oracle.acf?[parts[1]]?.value)
        let series = oracle.analysisValues
        for method in [Autocorrelation.Method.direct, .fft, .automatic] {
            // statsmodels returns NaN at every lag for constant or NaN input; here that is an error.
            if want.values.allSatisfy({ $0.value.isNaN }) {
                #expect(throws: AnalysisError.self) { try Autocorrelation(series, lags: want.nlagsArg, method: method) }
                continue
            }
            let got = try Autocorrelation(series, lags: want.nlagsArg, method: method)
            expectClose(got.values, want.values.doubles, rtol: 0, atol: 1e-10, "\(call) \(method)")
        }
    }

    @Test(arguments: [(12, 10), (30, 14), (720, 28), (2160, 33), (8640, 39), (1000, 30), (1, 0)])
    func defaultLagCount(length: Int, want: Int) {
        #expect(Autocorrelation.defaultLagCount(forLength: length) == want)
    }

    @Test func directAndFFTAgreeOnManyLags() throws {
        var generator = SplitMix(seed: 7)
        let series = (0..<3000).map { _ in generator.nextUnit() }
        let direct = try Autocorrelation(series, lags: 2999, method: .direct)
        let fft = try Autocorrelation(series, lags: 2999, method: .fft)
        expectClose(fft.values, direct.values, rtol: 0, atol: 1e-12, "fft vs direct")
    }

    @Test func rejectsUndefinedInput() {
        #expect(throws: AnalysisError.self) { try Autocorrelation([1]) }
        #expect(throws: AnalysisError.self) { try Autocorrelation([1, .nan, 3]) }
        #expect(throws: AnalysisError.self) { try Autocorrelation([2, 2, 2]) }
        #expect(throws: AnalysisError.self) { try Autocorrelation([1, 2, 3], lags: -1) }
    }
}

/// A tiny deterministic generator for test data.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
