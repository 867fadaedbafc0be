package import SibylWire

extension ForecastScorecard {
    /// One change to what a scorecard keeps, as the archive records it
    /// (``ArchiveSchema/storeForecastScores(_:)``); applied in order, the changes take the archive's rows to what the
    /// scorecard holds.
    package enum Change: Sendable {
        /// A series' forecast is kept until its horizons have passed.
        case issued([Label], Issued)
        /// A kept forecast has been scored at its first `scored` horizons.
        case progressed([Label], lastTime: Int64, scored: Int)
        /// A kept forecast has been scored at every horizon and is let go.
        case retired([Label], lastTime: Int64)
        /// A forecast has been scored at one horizon.
        case scored([Label], Scored)
        /// The kept forecasts whose whole path, and the scores whose horizon, ended at or before this time (Unix
        /// milliseconds) are let go: out of the scoring window.
        case pruned(through: Int64)
    }

    /// What a scorecard kept, as an earlier run archived it.
    package struct Record: Sendable {
        /// The forecasts kept, each series' in time order.
        package var pending: [(labels: [Label], issued: Issued)]
        /// The scores pooled, in the order they were scored.
        package var scored: [(labels: [Label], scored: Scored)]

        /// Creates a record.
        package init(
            pending: [(labels: [Label], issued: Issued)] = [], scored: [(labels: [Label], scored: Scored)] = []
        ) {
            self.pending = pending
            self.scored = scored
        }
    }

    /// The scorecard of `sibyl run`: it keeps a journal, which the ``ArchiveWriter`` takes into each cycle's
    /// transaction, and starts from what the archive keeps within the scoring window of `now`, so a restart keeps
    /// the forecasts still to be scored and the scores still pooled.
    /// - Parameters:
    ///   - store: the archive.
    ///   - settings: what is scored.
    ///   - now: the evaluation time of the start, Unix milliseconds.
    /// - Returns: the restored scorecard.
    /// - Throws: ``ArchiveError`` when the rows cannot be read.
    package static func restored(
        from store: ResultStore, settings: Settings, now: Int64
    ) throws(ArchiveError) -> ForecastScorecard {
        let scorecard = ForecastScorecard(settings: settings, journaled: true)
        let (difference, overflow) = now.subtractingReportingOverflow(settings.scoringWindow)
        scorecard.restore(try store.forecastRecord(after: overflow ? .min : difference))
        return scorecard
    }
}
