package import SibylWire

/// Which past cycles a backfill computes, cut into blocks.
///
/// The cycles are the times of the evaluation-interval grid (multiples of the interval, so that a restart finds the
/// same times) from `start − range` up to the time live cycles began reading each selector, less those the archive's
/// ledger says are already backfilled for it. Selectors missing the same times form one group, read together; each
/// group's times are cut into blocks of consecutive grid times no longer than ``blockLength``, and the blocks are
/// ordered newest first, so recent history appears first.
package struct BackfillPlan: Sendable, Equatable {
    /// Cycles computed in one pass over the source: the first reads the longest window, the others only what is new.
    package struct Block: Sendable, Equatable {
        /// The selectors read.
        package var selectors: [SeriesSelector]
        /// The cycle times, ascending, in Unix milliseconds.
        package var times: [Int64]
    }

    /// The blocks, newest first.
    package var blocks: [Block]

    /// How many cycles the plan computes.
    package var cycles: Int { blocks.reduce(0) { $0 + $1.times.count } }

    /// The grid times in `range`, ascending: the multiples of `interval` it contains.
    /// - Parameters:
    ///   - range: Unix milliseconds, lower bound included, upper excluded.
    ///   - interval: the evaluation interval in milliseconds (positive).
    /// - Returns: the times.
    package static func grid(_ range: Range<Int64>, interval: Int64) -> [Int64] {
        guard interval > 0, !range.isEmpty else { return [] }
        let remainder = range.lowerBound % interval
        var time = remainder == 0 ? range.lowerBound : range.lowerBound - remainder + (remainder > 0 ? interval : 0)
        var times: [Int64] = []
        while time < range.upperBound {
            times.append(time)
            let (next, overflow) = time.addingReportingOverflow(interval)
            if overflow { break }
            time = next
        }
        return times
    }

    /// Cuts ascending grid times into runs of consecutive grid times, each at most `blockLength` long.
    /// - Parameters:
    ///   - times: ascending multiples of `interval`.
    ///   - interval: the evaluation interval in milliseconds.
    ///   - blockLength: the longest time a block spans, in milliseconds.
    /// - Returns: the runs, ascending.
    package static func runs(_ times: [Int64], interval: Int64, blockLength: Int64) -> [[Int64]] {
        var runs: [[Int64]] = []
        for time in times {
            if let last = runs.last?.last, time - last == interval, time - runs[runs.count - 1][0] < blockLength {
                runs[runs.count - 1].append(time)
            } else {
                runs.append([time])
            }
        }
        return runs
    }

    /// The plan of a backfill at `start`.
    /// - Parameters:
    ///   - selectors: every selector live cycles read.
    ///   - ledger: what the archive says of them (``ResultStore/backfillLedger(_:in:)``).
    ///   - start: when this Sibyl started, in Unix milliseconds: no selector's live cycles began earlier than the
    ///     ledger says, and none later than this.
    ///   - range: how far back before `start`, in milliseconds.
    ///   - interval: the evaluation interval in milliseconds.
    ///   - blockLength: the longest time a block spans, in milliseconds.
    init(
        selectors: [SeriesSelector], ledger: BackfillLedger, start: Int64, range: Int64, interval: Int64,
        blockLength: Int64
    ) {
        var groups: [[Int64]: [SeriesSelector]] = [:]
        for selector in selectors {
            let key = selector.description
            let end = min(ledger.liveFrom[key] ?? start, start)
            guard end > start - range else { continue }
            let done = ledger.backfilled[key] ?? []
            let missing = Self.grid((start - range)..<end, interval: interval).filter { !done.contains($0) }
            if !missing.isEmpty { groups[missing, default: []].append(selector) }
        }
        blocks = groups.flatMap { times, selectors in
            Self.runs(times, interval: interval, blockLength: blockLength).map {
                Block(selectors: selectors, times: $0)
            }
        }
        .sorted { ($0.times.last ?? 0, $0.selectors.description) > ($1.times.last ?? 0, $1.selectors.description) }
    }

    /// The plan of every grid time in `times` for all of `selectors` together, blocks oldest first (as
    /// `sibyl backfill` computes them, without a ledger).
    /// - Parameters:
    ///   - selectors: the selectors read.
    ///   - times: Unix milliseconds, both ends included.
    ///   - interval: the evaluation interval in milliseconds.
    ///   - blockLength: the longest time a block spans, in milliseconds.
    package init(selectors: [SeriesSelector], times: ClosedRange<Int64>, interval: Int64, blockLength: Int64) {
        let (end, overflow) = times.upperBound.addingReportingOverflow(1)
        let grid = Self.grid(times.lowerBound..<(overflow ? times.upperBound : end), interval: interval)
        blocks = Self.runs(grid, interval: interval, blockLength: blockLength).map {
            Block(selectors: selectors, times: $0)
        }
    }
}
