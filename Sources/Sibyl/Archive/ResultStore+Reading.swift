import GRDB
import SibylWire

extension ResultStore {
    /// One archived cycle as `/metrics` showed it, without the self-monitoring families; a backfilled cycle as it was
    /// computed (its own rows only: it holds no value, ``ArchiveSchema/storeBackfill(_:)``).
    /// - Parameter time: the cycle's evaluation time in Unix milliseconds.
    /// - Returns: the cycle, families sorted by name and samples by label set; `nil` when no cycle has that time.
    /// - Throws: ``ArchiveError`` when the tables cannot be read or hold a row this version cannot read.
    package func snapshot(at time: Int64) throws(ArchiveError) -> CycleSnapshot? {
        let read: (evaluation: Row, samples: [Row], headers: [String: Row])?
        do {
            read = try writer.read { [holdsValues] db in
                guard
                    let evaluation = try Row.fetchOne(
                        db, sql: "SELECT id, duration_seconds, status FROM evaluations WHERE time_ms = ?",
                        arguments: [time])
                else { return nil }
                let id: Int64 = evaluation[0]
                // The values written for this cycle alone, then those held (since `v6-held-values`).
                var samples = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.metric, s.labels, v.value FROM \(holdsValues ? "exact_samples" : "samples") v
                        JOIN series s ON s.id = v.series_id WHERE v.evaluation_id = ?
                        """,
                    arguments: [id])
                if holdsValues, (evaluation[2] as String) != ArchiveSchema.backfillStatus {
                    let series = try db.cachedStatement(sql: "SELECT metric, labels, ? FROM series WHERE id = ?")
                    for (seriesID, held) in try Self.heldRows(at: id, time: time, db).sorted(by: { $0.key < $1.key }) {
                        if let row = try Row.fetchOne(series, arguments: [held.value, seriesID]) {
                            samples.append(row)
                        }
                    }
                }
                let headers = try Row.fetchAll(db, sql: "SELECT name, kind, help FROM metric_families")
                return (evaluation, samples, Dictionary(headers.map { ($0[0] as String, $0) }) { $1 })
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the cycle at \(time)")
        }
        guard let read else { return nil }
        var samples: [String: [MetricFamily.Sample]] = [:]
        for row in read.samples {
            let metric: String = row[0]
            let text: String = row[1]
            guard let labels = ArchivedLabels.labels(text), let value = Self.value(row[2]) else {
                throw ArchiveError(.corrupt, path: path, "series \(metric)\(text) at \(time) cannot be read back")
            }
            samples[metric, default: []].append(MetricFamily.Sample(labels, value))
        }
        var families: [MetricFamily] = []
        for (name, list) in samples.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            let header = read.headers[name]
            let kind = (header?[1] as String?).flatMap(MetricFamily.Kind.init(rawValue:)) ?? .untyped
            guard
                let family = try? MetricFamily(
                    name: name, kind: kind, help: header?[2] ?? "", samples: list.sorted { $0.labels < $1.labels })
            else {
                throw ArchiveError(.corrupt, path: path, "metric name \(String(reflecting: name)) is not valid")
            }
            families.append(family)
        }
        let duration: Double? = read.evaluation[1]
        return CycleSnapshot(time: time, duration: duration ?? .nan, status: read.evaluation[2], families: families)
    }
}
