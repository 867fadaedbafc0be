import SibylAnalysis
import SibylTestSupport
import Testing

struct LinearResamplerTests {
    @Test(
        "matches pandas resample().mean().interpolate() on every oracle case", arguments: ForecastOracleCase.publicIDs)
    func matchesOracle(id: String) throws {
        let oracle = try ForecastOracleCase.load(id)
        let resampler = try LinearResampler(stepMilliseconds: oracle.input.stepMs)
        let got = try resampler.resample(timestamps: oracle.input.timestamps, values: oracle.input.values.doubles)
        if let want = oracle.resampled {
            #expect(got.startMilliseconds == want.t0Ms)
            #expect(got.values.count == want.n)
            #expect(got.emptyBinCount == want.emptyBinsBeforeInterpolation)
            expectClose(got.values, want.values.doubles, rtol: 1e-12, atol: 0, "\(id) resampled")
        } else {
            // A regular series resamples to itself exactly (oracle README).
            expectClose(got.values, oracle.input.values.doubles, rtol: 0, atol: 0, "\(id) identity")
            #expect(got.emptyBinCount == 0)
        }
        if let pipeline = oracle.pipeline.forecast {
            #expect(got.values.count == pipeline.resampledN)
            #expect(got.emptyBinCount == pipeline.resampledEmptyBins)
        }
    }

    @Test("interior gaps are linear, trailing gaps repeat, leading NaN stays")
    func gapFilling() throws {
        let resampler = try LinearResampler(stepMilliseconds: 5000)
        let got = try resampler.resample(
            timestamps: [0, 5000, 10_000, 12_000, 25_000, 40_000],
            values: [.nan, 1, 2, 4, 9, .nan])
        #expect(got.emptyBinCount == 6)
        expectClose(got.values, [.nan, 1, 3, 5, 7, 9, 9, 9, 9], rtol: 1e-15, "values")
    }

    @Test("bins follow floor(t / step), unsorted and duplicated timestamps are averaged")
    func binning() throws {
        let resampler = try LinearResampler(stepMilliseconds: 5000)
        let got = try resampler.resample(timestamps: [9_999, -1, 5_000, -5_000], values: [4, 1, 2, 3])
        #expect(got.startMilliseconds == -5_000)
        #expect(got.emptyBinCount == 1)
        expectClose(got.values, [2, 2.5, 3], rtol: 0, "values")
    }

    @Test("rejects empty input, mismatched lengths, a non-positive step and huge spans")
    func rejectsBadInput() throws {
        #expect(throws: AnalysisError.self) { try LinearResampler(stepMilliseconds: 0) }
        let resampler = try LinearResampler(stepMilliseconds: 5000, maximumBinCount: 10)
        #expect(throws: AnalysisError.tooShort("no samples to resample")) {
            try resampler.resample(timestamps: [], values: [])
        }
        #expect(throws: AnalysisError.self) { try resampler.resample(timestamps: [0], values: []) }
        #expect(throws: AnalysisError.self) { try resampler.resample(timestamps: [0, 50_000], values: [1, 2]) }
        #expect(throws: AnalysisError.self) {
            try resampler.resample(timestamps: [.min, .max], values: [1, 2])
        }
    }
}
