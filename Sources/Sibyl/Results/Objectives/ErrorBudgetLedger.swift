package import Logging
package import SibylAnalysis
package import SibylWire
import Synchronization

/// Each budgeted objective's events cycle by cycle over its period, and what they say at each cycle: the
/// indicator, burn rate and budget of every window (`sibyl_slo_sli`, `sibyl_slo_burn_rate`, …).
///
/// At each judgement the ledger counts, per objective and indicator group, the events since that objective's
/// previous judgement up to two steps before it (``ErrorBudgetEvents``; the windows end there too), keeps them in an ``SLIHistory`` of the period, and hands the new
/// counts to ``persist`` (the archive) so that a restart starts from the history rather than from nothing
/// (``restore(_:)``). A range objective's groups are its series (each judged on its own, as its other
/// `sibyl_slo_*` series are); a ratio objective's are the values of its `by` labels.
package final class ErrorBudgetLedger: Sendable {
    /// The windows every budgeted objective reports, besides its period: the SRE workbook's alert windows.
    package static let windows: [Int64] = [
        300_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 86_400_000, 259_200_000,
    ]

    /// One group's new counts, as persisted.
    package struct Row: Sendable, Hashable {
        /// The objective.
        package var objective: String
        /// The group's labels, sorted by name.
        package var labels: [Label]
        /// The cycle's time, Unix milliseconds.
        package var time: Int64
        /// The events since the objective's previous cycle.
        package var events: SLIEvents
    }

    private struct State {
        var histories: [String: [[Label]: SLIHistory]] = [:]
        var last: [String: Int64] = [:]
    }

    private let state = Mutex(State())
    /// Counts the events of a span.
    package let events: ErrorBudgetEvents
    /// Where each judgement's new counts go (the archive), if anywhere.
    package let persist: @Sendable ([Row]) async -> Void

    /// Creates an empty ledger.
    /// - Parameters:
    ///   - events: counts a span's events.
    ///   - persist: takes each judgement's new counts.
    package init(events: ErrorBudgetEvents, persist: @escaping @Sendable ([Row]) async -> Void = { _ in }) {
        self.events = events
        self.persist = persist
    }

    /// Fills the history from persisted rows (at start), in time order per group.
    package func restore(_ rows: [Row]) {
        state.withLock { state in
            for row in rows.sorted(by: { $0.time < $1.time }) {
                state.histories[row.objective, default: [:]][row.labels, default: SLIHistory()]
                    .append(row.events, at: row.time)
                state.last[row.objective] = max(state.last[row.objective] ?? .min, row.time)
            }
        }
    }

    /// Counts each budgeted objective's events since its previous judgement, and returns the budget families at
    /// `time`.
    /// - Parameters:
    ///   - specifications: the objectives in force (those without a budget are left out).
    ///   - store: the series.
    ///   - histograms: the native-histogram series (latency objectives).
    ///   - time: the evaluation time T, Unix milliseconds.
    /// - Returns: the families `sibyl_slo_target`, `sibyl_slo_sli`, `sibyl_slo_burn_rate`,
    ///   `sibyl_slo_error_budget_remaining` and `sibyl_slo_error_budget_exhaustion_eta_seconds`.
    package func record(
        _ specifications: [ObjectiveSpecification], store: SeriesStore,
        histograms: HistogramStore = HistogramStore(maxSeries: 0), at time: Int64
    ) async -> [MetricFamily] {
        let budgeted = specifications.filter { $0.budget != nil }
        let end = events.end(at: time)
        // One judgement at a time: two overlapping ones would count the same span twice.
        let (rows, judged) = state.withLock { state in
            var rows: [Row] = []
            for specification in budgeted {
                guard let budget = specification.budget else { continue }
                let last = state.last[specification.name]
                if let last, end <= last { continue }
                let counted = events.events(
                    of: specification, in: store, histograms: histograms, since: last, until: end)
                for (labels, counts) in counted {
                    rows.append(Row(objective: specification.name, labels: labels, time: end, events: counts))
                    state.histories[specification.name, default: [:]][labels, default: SLIHistory()]
                        .append(counts, at: end)
                }
                // An objective that matches nothing yet has no history to continue: its first span with series
                // is a first judgement's.
                if !counted.isEmpty || last != nil { state.last[specification.name] = end }
                let oldest = end - budget.period.milliseconds
                for labels in Array((state.histories[specification.name] ?? [:]).keys) {
                    state.histories[specification.name]?[labels]?.removeAll(through: oldest)
                    if state.histories[specification.name]?[labels]?.oldest == nil {
                        state.histories[specification.name]?[labels] = nil
                    }
                }
            }
            // Objectives no longer in force are forgotten.
            let names = Set(budgeted.map(\.name))
            state.histories = state.histories.filter { names.contains($0.key) }
            state.last = state.last.filter { names.contains($0.key) }
            return (rows, budgeted.map { ($0, state.histories[$0.name] ?? [:]) })
        }
        if !rows.isEmpty { await persist(rows) }
        return ErrorBudgetSeries().families(judged, at: end)
    }
}

extension ErrorBudgetLedger {
    /// The ledger of `sibyl run`: it counts over the evaluation interval at first and at most the longest window,
    /// appends each judgement's counts to `store`'s `objective_events`, and starts from the rows the archive keeps
    /// (those within its retention of `now`), so a restart loses no part of a period.
    /// - Throws: ``ArchiveError`` when the rows cannot be read.
    package static func restored(
        from store: ResultStore, configuration: SibylConfiguration, evaluator: ObjectiveEvaluator, logger: Logger,
        now: Int64
    ) throws(ArchiveError) -> ErrorBudgetLedger {
        let ledger = ErrorBudgetLedger(
            events: ErrorBudgetEvents(
                evaluator: evaluator, firstSpan: configuration.evaluation.interval.milliseconds,
                longestSpan: configuration.evaluation.longestWindow.milliseconds),
            persist: { rows in
                do {
                    try await store.appendObjectiveEvents(rows)
                } catch let error as ArchiveError {
                    logger.error(
                        "objective events not archived",
                        metadata: ["archive.reason": "\(error.shortDescription)", "archive.error": "\(error.message)"])
                } catch {
                    logger.error("objective events not archived", metadata: ["archive.error": "\(error)"])
                }
            })
        ledger.restore(try store.objectiveEvents(after: now - configuration.archive.retention.milliseconds))
        return ledger
    }
}
