import SibylAnalysis
import SibylTestSupport
import Testing

struct SeriesMetadataTests {
    @Test("matches the first system's pipeline block", arguments: OracleCase.publicIDs)
    func matchesOracle(id: String) throws {
        let oracle = try OracleCase.load(id)
        let want = try #require(oracle.pipeline)
        let values = oracle.input.values.doubles
        let metadata = SeriesMetadata(timestamps: oracle.timestamps, values: values)
        #expect((metadata == nil) == want.skipped, "\(id) skipped")
        guard let got = metadata else { return }

        for (index, label) in ["1h", "3h", "12h"].enumerated() {
            let expected = try #require(want.stats?[label])
            let stats = try #require(got.windows[index].statistics)
            #expect(stats.count == expected.count, "\(id) \(label) count")
            expectClose(stats.max, expected.max.value, rtol: 0, "\(id) \(label) max")
            expectClose(stats.min, expected.min.value, rtol: 0, "\(id) \(label) min")
            expectClose(stats.mean, expected.mean.value, rtol: 1e-9, "\(id) \(label) mean")
            expectClose(stats.standardDeviation ?? .nan, expected.std.value, rtol: 1e-9, "\(id) \(label) std")
        }

        switch (got.stationarity, try #require(want.adf)) {
        case (.success(let adf), .value(let expected)):
            #expect(adf.usedLag == expected.usedlag, "\(id) usedlag")
            #expect(adf.observationCount == expected.nobs, "\(id) nobs")
            expectClose(adf.statistic, expected.statistic.value, rtol: 1e-9, "\(id) statistic")
            expectClose(adf.pValue, expected.pvalue.value, rtol: 1e-9, atol: 1e-15, "\(id) pvalue")
            expectClose(adf.criticalValues.fivePercent, expected.criticalValues["5%"]?.value ?? .nan, rtol: 1e-12)
            expectClose(adf.bestInformationCriterion ?? .nan, expected.icbest.value, rtol: 1e-9, "\(id) icbest")
        case (.failure, .error):
            break
        default:
            Issue.record("\(id): ADF outcome differs from statsmodels")
        }

        let acf = try #require(want.acf?.value)
        if acf.values.allSatisfy({ $0.value.isNaN }) {
            #expect(throws: AnalysisError.self) { try got.autocorrelation.get() }
        } else {
            expectClose(try got.autocorrelation.get().values, acf.values.doubles, rtol: 0, atol: 1e-10, "\(id) acf")
        }

        switch (got.seasonality, try #require(want.seasonality)) {
        case (.success(let seasonality), .value(let expected)):
            #expect(seasonality.source.rawValue == expected.used, "\(id) seasonality source")
            #expect((seasonality.stridedError != nil) == (expected.every60thError != nil))
            let finite = values.filter(\.isFinite)
            let spread = WindowStatistics(finite)?.standardDeviation ?? 0
            let scale = finite.map(abs).max() ?? 0
            expectClose(
                seasonality.decomposition.seasonal, expected.seasonal.doubles, rtol: 1e-9,
                atol: 1e-10 * spread + 1e-14 * scale, "\(id) seasonal")
        case (.failure, .error):
            break
        default:
            Issue.record("\(id): seasonality outcome differs from statsmodels")
        }
    }

    @Test func componentsFailIndependently() throws {
        var values = (0..<700).map { Double($0 % 7) + Double($0) * 0.01 }
        values[3] = .nan
        let timestamps = (0..<700).map { Int64($0) * 5_000 }
        let got = try #require(SeriesMetadata(timestamps: timestamps, values: values))
        #expect(got.windows[0].statistics?.count == 699)
        #expect(throws: AnalysisError.self) { try got.stationarity.get() }
        #expect(throws: AnalysisError.self) { try got.autocorrelation.get() }
        // values[::60] misses index 3, so the strided decomposition still succeeds.
        #expect(try got.seasonality.get().source == .strided)
    }

    @Test func allZeroSeriesIsSkipped() {
        #expect(SeriesMetadata(timestamps: [0, 5_000], values: [0, 0]) == nil)
    }
}
