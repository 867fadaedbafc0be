import SibylWire
import Testing

@testable import Sibyl

struct BackfillPlanTests {
    @Test("the grid is the multiples of the interval in the range, lower bound included, upper excluded")
    func grid() {
        #expect(BackfillPlan.grid(0..<180_000, interval: 60_000) == [0, 60_000, 120_000])
        #expect(BackfillPlan.grid(1..<180_001, interval: 60_000) == [60_000, 120_000, 180_000])
        #expect(BackfillPlan.grid(-130_000..<(-10_000), interval: 60_000) == [-120_000, -60_000])
        #expect(BackfillPlan.grid(5..<10, interval: 60_000).isEmpty)
        #expect(BackfillPlan.grid(0..<10, interval: 0).isEmpty)
    }

    @Test("runs are consecutive grid times no longer than the block length")
    func runs() {
        let times: [Int64] = [0, 60, 120, 180, 240, 360, 420]
        #expect(
            BackfillPlan.runs(times, interval: 60, blockLength: 180)
                == [[0, 60, 120], [180, 240], [360, 420]])
        #expect(BackfillPlan.runs([], interval: 60, blockLength: 180).isEmpty)
    }

    @Test("a ledger's live start and backfilled cycles leave only the missing times, grouped and newest first")
    func ledger() throws {
        let a = try SeriesSelector(parsing: "up")
        let b = try SeriesSelector(parsing: #"{job="node"}"#)
        let c = try SeriesSelector(parsing: "node_load1")
        let hour: Int64 = 3_600_000
        let start = 10 * hour + 30_000
        let ledger = BackfillLedger(
            liveFrom: [a.description: 9 * hour, b.description: start],
            backfilled: [b.description: [7 * hour, 7 * hour + 60_000]])
        let plan = BackfillPlan(
            selectors: [a, b, c], ledger: ledger, start: start, range: 3 * hour, interval: 60_000, blockLength: hour)
        // The range starts at 7h00m30s: the first grid time is 7h01m.
        let first = 7 * hour + 60_000
        let wholeRange = BackfillPlan.grid(first..<start, interval: 60_000)
        // b: everything but 7h01m; c (not recorded): everything; a: live since 9h. b and c differ: two groups.
        #expect(
            plan.cycles
                == (wholeRange.count - 1) + wholeRange.count
                + BackfillPlan.grid(first..<(9 * hour), interval: 60_000).count)
        #expect(plan.blocks.allSatisfy { $0.times.count <= 60 })
        #expect(Set(plan.blocks.prefix(2).map(\.selectors)) == [[b], [c]])
        #expect(plan.blocks.prefix(2).allSatisfy { $0.times.last == 10 * hour })
        let ofA = plan.blocks.filter { $0.selectors == [a] }.flatMap(\.times).sorted()
        #expect(ofA == BackfillPlan.grid(first..<(9 * hour), interval: 60_000))
        let ofB = plan.blocks.filter { $0.selectors == [b] }.flatMap(\.times).sorted()
        #expect(ofB == Array(wholeRange.dropFirst()))
        // Newest first, by each block's last cycle.
        let ends = plan.blocks.map { $0.times.last ?? 0 }
        #expect(ends == ends.sorted(by: >))
    }

    @Test("a fully backfilled selector plans nothing; a whole range plans every grid time once")
    func nothingLeft() throws {
        let a = try SeriesSelector(parsing: "up")
        let times = Set(BackfillPlan.grid(0..<600_000, interval: 60_000))
        let done = BackfillPlan(
            selectors: [a], ledger: BackfillLedger(liveFrom: [:], backfilled: [a.description: times]), start: 600_000,
            range: 600_000, interval: 60_000, blockLength: 3_600_000)
        #expect(done.cycles == 0)
        // Live cycles began before the range: nothing to backfill.
        let early = BackfillPlan(
            selectors: [a], ledger: BackfillLedger(liveFrom: [a.description: -5_000_000], backfilled: [:]),
            start: 600_000, range: 600_000, interval: 60_000, blockLength: 3_600_000)
        #expect(early.cycles == 0)
        let whole = BackfillPlan(selectors: [a], times: 0...600_000, interval: 60_000, blockLength: 240_000)
        #expect(whole.blocks.flatMap(\.times) == BackfillPlan.grid(0..<600_001, interval: 60_000))
        #expect(whole.blocks.map(\.times.count) == [4, 4, 3])
    }
}
