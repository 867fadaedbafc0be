import GRDB

/// The archive's schema, as a list of migrations applied in order from an empty file.
///
/// Each migration runs once, in its own transaction, and is never edited once released: a change is a new
/// migration appended here (issue 7 adds the archive's tables after `v1-objectives`).
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
        return migrator
    }
}
