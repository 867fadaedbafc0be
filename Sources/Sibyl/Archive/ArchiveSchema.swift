import GRDB

/// The archive's schema, as a list of migrations applied in order from an empty file.
///
/// Each migration runs once, in its own transaction, and is never edited once released: a change is a new
/// migration appended here: `v1-objectives` holds the run-time objectives, `v2-results` the archived cycles
/// (``ArchiveSchema/createResults(_:)`` documents those tables), `v3-window-rows` stores the window statistics five
/// values to a row (``ArchiveSchema/storeWindowRows(_:)``), `v5-objective-divide-by` adds the objectives' `divide_by`
/// (NULL in the rows written before it), `v6-held-values` writes every value but the window statistics only when it
/// changes (``ArchiveSchema/storeHeldValues(_:)``), `v7-remote-write-cursors` holds each remote-write endpoint's
/// cursor (``ArchiveSchema/createRemoteWriteCursors(_:)``), `v8-backfill` keeps backfilled cycles out of the held
/// values and records what was backfilled (``ArchiveSchema/storeBackfill(_:)``), `v9-objective-events` keeps the
/// budgeted objectives' events cycle by cycle (``ArchiveSchema/storeObjectiveEvents(_:)``), `v10-objective-budgets`
/// stores the run-time objectives' target, period, ratio, latency and `by`
/// (``ArchiveSchema/storeObjectiveBudgets(_:)``), `v11-forecast-scores` keeps the forecasts still to be scored and
/// the scores still pooled (``ArchiveSchema/storeForecastScores(_:)``).
enum ArchiveSchema {
    /// The migrator holding every migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-objectives") { db in
            try db.create(table: "objective") { table in
                table.primaryKey("name", .text)
                table.column("selector", .text).notNull()
                table.column("min", .double)
                table.column("max", .double)
                table.column("transform", .text)
                table.column("windows", .text)
                table.column("description", .text)
                table.column("updated_at", .integer).notNull()
                table.check(sql: "min IS NOT NULL OR max IS NOT NULL")
            }
        }
        migrator.registerMigration("v2-results") { db in try createResults(db) }
        migrator.registerMigration("v3-window-rows") { db in try storeWindowRows(db) }
        // The native-histogram families' view; every result view is re-created from the catalog.
        migrator.registerMigration("v4-histogram-view") { db in
            try db.execute(sql: resultViews.map { "DROP VIEW IF EXISTS \($0);" }.joined(separator: "\n"))
            try db.execute(sql: resultViewsSQL)
        }
        migrator.registerMigration("v5-objective-divide-by") { db in
            try db.alter(table: "objective") { table in table.add(column: "divide_by", .text) }
        }
        migrator.registerMigration("v6-held-values") { db in try storeHeldValues(db) }
        migrator.registerMigration("v7-remote-write-cursors") { db in try createRemoteWriteCursors(db) }
        migrator.registerMigration("v8-backfill") { db in try storeBackfill(db) }
        migrator.registerMigration("v9-objective-events") { db in try storeObjectiveEvents(db) }
        migrator.registerMigration("v10-objective-budgets") { db in try storeObjectiveBudgets(db) }
        migrator.registerMigration("v11-forecast-scores") { db in try storeForecastScores(db) }
        return migrator
    }
}
