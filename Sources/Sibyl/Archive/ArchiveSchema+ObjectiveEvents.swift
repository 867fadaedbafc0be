import GRDB

extension ArchiveSchema {
    /// Keeps each budgeted objective's events cycle by cycle (migration `v9-objective-events`), so that its period,
    /// longer than what the series store holds, is computed from the archive and survives a restart
    /// (``ErrorBudgetLedger``):
    ///
    /// - `objective_events(objective, labels, time_ms, good, total)`, keyed `(objective, labels, time_ms)` without
    ///   rowid: per objective, indicator group (`labels`, the group's label set as a JSON object with sorted names, `__name__` included) and
    ///   cycle, the good and total events since the objective's previous cycle. Retention deletes the rows older
    ///   than its age.
    ///
    /// The result views are re-created from the catalog, which gained the budget families.
    static func storeObjectiveEvents(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE objective_events (
                  objective TEXT NOT NULL,
                  labels TEXT NOT NULL,
                  time_ms INTEGER NOT NULL,
                  good REAL NOT NULL,
                  total REAL NOT NULL,
                  PRIMARY KEY (objective, labels, time_ms)
                ) WITHOUT ROWID;
                """)
        try db.execute(sql: resultViews.map { "DROP VIEW IF EXISTS \($0);" }.joined(separator: "\n"))
        try db.execute(sql: resultViewsSQL)
    }
}
