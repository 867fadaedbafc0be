import Testing

@testable import SibylAnalysis

struct BurnRateTrendTests {
    static let budget = try! ErrorBudget(target: 0.99, periodSeconds: 86_400)

    /// Cycles every minute for an hour before `now` (100 events each) with error ratios `rate(time − now)`.
    static func cycles(_ rate: (Double) -> Double) -> [(time: Int64, events: SLIEvents)] {
        (0..<60).map { index in
            let seconds = Double(60 - index) * 60
            return (Int64(index) * 60_000, SLIEvents(good: 100 - 100 * rate(-seconds), total: 100))
        }
    }

    @Test("a steady burn runs out at remaining × period / burn, the period basis's answer")
    func steady() throws {
        let trend = try #require(BurnRateTrend(cycles: Self.cycles { _ in 0.02 }, budget: Self.budget, now: 3_600_000))
        expectNear(trend.current, 2)
        expectNear(trend.slope, 0)
        let eta = try #require(trend.exhaustionSeconds(remaining: 0.5, periodSeconds: 86_400))
        expectNear(eta, 0.5 * 86_400 / 2)
        expectNear(eta, try #require(Self.budget.exhaustionSeconds(remaining: 0.5, burnRate: 2)))
    }

    @Test("a rising burn runs out sooner, a falling one later or never")
    func sloped() throws {
        // The error ratio grows by 0.01 per hour (burn rate by 1 per hour) to 0.02 now.
        let rising = try #require(
            BurnRateTrend(cycles: Self.cycles { 0.02 + $0 / 360_000 }, budget: Self.budget, now: 3_600_000))
        expectNear(rising.current, 2)
        expectNear(rising.slope, 1.0 / 3600)
        // ∫₀ᵗ (2 + s/3600) ds = 2t + t²/7200 = 0.5 × 86,400.
        let need = 0.5 * 86_400
        let expected = (-2 + (4 + 4 * need / 7200).squareRoot()) * 3600
        expectNear(try #require(rising.exhaustionSeconds(remaining: 0.5, periodSeconds: 86_400)), expected)
        #expect(expected < 0.5 * 86_400 / 2)
        // Falling by 1 per hour from 2: the burn stops after 2 h having spent 2 h of burn-rate seconds, not enough.
        let falling = try #require(
            BurnRateTrend(cycles: Self.cycles { max(0, 0.02 - $0 / 360_000) }, budget: Self.budget, now: 3_600_000))
        #expect(falling.exhaustionSeconds(remaining: 0.5, periodSeconds: 86_400) == nil)
        // …but enough for a budget nearly spent: 3,600 s of need at 2 falling by 1/3600 per second.
        let small = try #require(falling.exhaustionSeconds(remaining: 3600.0 / 86_400, periodSeconds: 86_400))
        expectNear(small, 7200 - (7200.0 * 7200 - 3600 * 7200).squareRoot())
        #expect(falling.exhaustionSeconds(remaining: 0, periodSeconds: 86_400) == 0)
    }

    func expectNear(_ actual: Double, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            abs(actual - expected) <= 1e-9 * max(1, abs(expected)), "\(actual) vs \(expected)",
            sourceLocation: sourceLocation)
    }
}
