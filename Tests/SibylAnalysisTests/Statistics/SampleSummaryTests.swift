import SibylAnalysis
import Testing

struct SampleSummaryTests {
    /// The summary of `values` added one by one (Welford).
    static func added(_ values: [Double]) -> SampleSummary {
        var summary = SampleSummary()
        for value in values { summary.add(value) }
        return summary
    }

    static func close(_ a: Double, _ b: Double, _ scale: Double) -> Bool {
        a == b || abs(a - b) <= 1e-12 * Swift.max(scale, abs(a), abs(b))
    }

    @Test("a run's two-pass summary equals the values added one by one within rounding, NaN skipped")
    func twoPassEqualsWelford() {
        var random = SystemRandomNumberGenerator()
        let runs: [[Double]] = [
            [],
            [Double.nan],
            [42],
            (0..<120).map { _ in Double.random(in: -1e3...1e3, using: &random) },
            (0..<120).map { 1e12 + Double($0 % 7) * 0.1 },
            (0..<77).map { Double($0) * 1e6 },  // a counter
            [1, .nan, 3, .nan, 5],
        ]
        for run in runs {
            let twoPass = SampleSummary(values: run)
            let welford = Self.added(run)
            #expect(twoPass.count == welford.count && twoPass.sum == welford.sum, "\(run.prefix(3))")
            #expect(twoPass.min == welford.min && twoPass.max == welford.max && twoPass.shift == welford.shift)
            let spread = Swift.max(1, welford.m2)
            #expect(Self.close(twoPass.mean, welford.mean, Swift.max(1, abs(welford.mean))), "\(run.prefix(3))")
            #expect(Self.close(twoPass.m2, welford.m2, spread), "\(run.prefix(3))")
        }
    }

    @Test("two-pass runs merge with added ones into the statistics of all the values")
    func mergesWithAdded() throws {
        let first = (0..<120).map { 1e12 + Double($0 % 11) * 0.25 }
        let second = (0..<37).map { 1e12 + Double($0 % 5) * 0.5 }
        var merged = SampleSummary(values: first)
        merged.merge(Self.added(second))
        let all = first + second
        let statistics = try #require(WindowStatistics(merged))
        let direct = try #require(WindowStatistics(all))
        #expect(statistics.count == direct.count)
        #expect(abs(statistics.mean - direct.mean) <= 1e-3)  // 1e12 magnitude: one ulp is 1.2e-4
        #expect(abs((statistics.standardDeviation ?? 0) - (direct.standardDeviation ?? 0)) <= 1e-9)
    }

    @Test("an infinity makes the run's mean infinite, as adding it does")
    func infinity() throws {
        let run = [1, 2, Double.infinity, 4]
        let statistics = try #require(WindowStatistics(SampleSummary(values: run)))
        #expect(statistics.mean == .infinity)
        #expect(statistics.max == .infinity && statistics.min == 1)
    }
}
