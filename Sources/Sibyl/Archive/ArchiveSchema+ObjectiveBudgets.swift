import GRDB

extension ArchiveSchema {
    /// Stores the run-time objectives' error budgets and their ratio and latency indicators (migration
    /// `v10-objective-budgets`): the `objective` table is rebuilt with the columns
    ///
    /// - `target` (REAL) and `period` (TEXT, a duration as the API writes it, `30d`): the budget, both NULL for an
    ///   objective without one;
    /// - `ratio` (TEXT): a ratio objective's counters as the API's JSON object, `{"errors": …, "total": …}` or
    ///   `{"good": …, "total": …}` (`selector` then holds the total's selector);
    /// - `latency` (TEXT): a latency objective's histogram and threshold as the API's JSON object,
    ///   `{"histogram": …, "threshold": …}` (`selector` then holds the histogram's selector);
    /// - `by` (TEXT): the labels a ratio or latency objective's events are summed by, as a JSON list; NULL for none.
    ///
    /// The rebuild drops v1's `CHECK (min IS NOT NULL OR max IS NOT NULL)`, which a ratio or latency objective (no
    /// range) cannot meet: the rows are checked as API bodies when they are read (``ObjectiveStore/loadAll()``).
    /// Every existing row is copied unchanged, with the new columns NULL: the objective it was.
    static func storeObjectiveBudgets(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE objective_v10 (
                  name TEXT NOT NULL PRIMARY KEY,
                  selector TEXT NOT NULL,
                  min DOUBLE,
                  max DOUBLE,
                  transform TEXT,
                  windows TEXT,
                  description TEXT,
                  updated_at INTEGER NOT NULL,
                  divide_by TEXT,
                  target DOUBLE,
                  period TEXT,
                  ratio TEXT,
                  latency TEXT,
                  "by" TEXT
                );
                INSERT INTO objective_v10
                  (name, selector, min, max, transform, windows, description, updated_at, divide_by)
                SELECT name, selector, min, max, transform, windows, description, updated_at, divide_by FROM objective;
                DROP TABLE objective;
                ALTER TABLE objective_v10 RENAME TO objective;
                """)
    }
}
