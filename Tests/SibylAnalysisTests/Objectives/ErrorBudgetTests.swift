import SibylAnalysis
import Testing

struct ErrorBudgetTests {
    static let month = 30.0 * 86_400

    @Test("burn rate, budget left and exhaustion as the SRE workbook defines them")
    func workbook() throws {
        let budget = try ErrorBudget(target: 0.999, periodSeconds: Self.month)
        // 1.44 % errors burn a 99.9 % budget 14.4 times as fast as the period allows.
        let burn = try #require(budget.burnRate(SLIEvents(good: 98_560, total: 100_000)))
        #expect(abs(burn - 14.4) < 1e-9)
        #expect(budget.burnRate(.zero) == nil)
        // A quarter of the budget spent over the period: 0.75 left.
        let left = try #require(budget.remaining(SLIEvents(good: 999_750, total: 1_000_000)))
        #expect(abs(left - 0.75) < 1e-9)
        // At burn rate 1, 0.75 of the budget lasts 0.75 of the period; at 3, a quarter of that.
        #expect(budget.exhaustionSeconds(remaining: 0.75, burnRate: 1) == 0.75 * Self.month)
        #expect(budget.exhaustionSeconds(remaining: 0.75, burnRate: 3) == 0.25 * Self.month)
        // Nothing left: now. No burn, or the budget outlasting the period: never within it.
        #expect(budget.exhaustionSeconds(remaining: -0.2, burnRate: 2) == 0)
        #expect(budget.exhaustionSeconds(remaining: 0.5, burnRate: 0) == nil)
        #expect(budget.exhaustionSeconds(remaining: 0.5, burnRate: 0.4) == nil)
    }

    @Test("a target outside (0, 1) or a period that is not positive is refused")
    func invalid() {
        #expect(throws: AnalysisError.self) { try ErrorBudget(target: 1, periodSeconds: 60) }
        #expect(throws: AnalysisError.self) { try ErrorBudget(target: 0, periodSeconds: 60) }
        #expect(throws: AnalysisError.self) { try ErrorBudget(target: 0.99, periodSeconds: 0) }
    }

    @Test("the history sums the cycles inside any window ending at a cycle, and forgets old cycles")
    func history() {
        var history = SLIHistory()
        for minute in 1...10 {
            history.append(SLIEvents(good: Double(100 - minute), total: 100), at: Int64(minute) * 60_000)
        }
        history.append(SLIEvents(good: 1, total: 1), at: 5 * 60_000)  // not after the newest: ignored
        // (5m, 10m]: minutes 6 to 10.
        let last5 = history.events(endingAt: 600_000, length: 300_000)
        #expect(last5 == SLIEvents(good: Double(94 + 93 + 92 + 91 + 90), total: 500))
        #expect(history.events(endingAt: 600_000, length: 3_600_000).total == 1000)
        #expect(history.events(endingAt: 120_000, length: 60_000) == SLIEvents(good: 98, total: 100))
        history.removeAll(through: 240_000)
        #expect(history.oldest == 300_000)
        #expect(history.events(endingAt: 600_000, length: 3_600_000).total == 600)
        #expect(history.events(endingAt: 600_000, length: 300_000) == last5)
        #expect(SLIEvents(good: 3, total: 4).ratio == 0.75)
        #expect(SLIEvents.zero.ratio == nil)
    }
}

struct CounterIncreaseTests {
    @Test("a counter's increase over (start, end]: resets counted as restarts from 0, spans adding up exactly")
    func increase() {
        let times: [Int64] = [0, 10, 20, 30, 40, 50, 60]
        let values = [5, 7, 12, 3, .nan, 8, 10.0]
        #expect(CounterIncrease.increase(timestamps: times, values: values, from: 0, to: 60) == 2 + 5 + 3 + 5 + 2)
        #expect(CounterIncrease.increase(timestamps: times, values: values, from: 10, to: 30) == 5 + 3)
        #expect(CounterIncrease.increase(timestamps: times, values: values, from: 35, to: 60) == 5 + 2)
        for cut in stride(from: Int64(0), through: 60, by: 5) {
            let left = CounterIncrease.increase(timestamps: times, values: values, from: -1, to: cut)
            let right = CounterIncrease.increase(timestamps: times, values: values, from: cut, to: 60)
            #expect(left + right == 17, "cut at \(cut)")
        }
        // Starting inside the span: the first sample is the baseline.
        #expect(CounterIncrease.increase(timestamps: [15, 25], values: [100, 130], from: 10, to: 30) == 30)
        #expect(CounterIncrease.increase(timestamps: [], values: [], from: 0, to: 10) == 0)
    }
}
