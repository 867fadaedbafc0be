package import Logging
import Synchronization

/// The objectives in force: the configuration file's and the archive's, merged. The one place the evaluation loop
/// asks "which objectives now?" (``current``).
///
/// **The file is authoritative for the objectives it declares**, as Grafana provisioning is for its dashboards: they
/// are read-only through the API (``put(_:)`` and ``delete(named:)`` refuse them with ``ObjectiveRegistryError/Code/
/// declaredInFile``, naming the file and line). Objectives created through the API live in the archive and survive
/// restarts. When a name is in both, the file's objective is used and a warning is logged at start; the archive's
/// row is kept untouched, and comes back if the file stops declaring that name.
///
/// Reads are lock-protected snapshots. Writes go through the archive's single writer, and the in-memory set is
/// updated right after each commit on that writer, so the set always equals the file's objectives plus the
/// committed rows, in commit order.
package final class ObjectiveRegistry: Sendable {
    private struct State {
        var stored: [String: RegisteredObjective] = [:]
        var generation: UInt64 = 0
    }

    /// The evaluation windows, used by objectives that have none of their own.
    package let defaultWindows: [PrometheusDuration]
    /// The archive's retention, which no budget's period may exceed; `nil` checks no period.
    package let retention: PrometheusDuration?
    /// The file's objectives, by name.
    private let declared: [String: RegisteredObjective]
    private let store: ObjectiveStore
    private let logger: Logger
    private let now: @Sendable () -> Int64
    private let state: Mutex<State>

    /// Creates the registry from the file's objectives and the archive's rows.
    /// - Parameters:
    ///   - declared: the objectives of the configuration file.
    ///   - file: the configuration file's path, for messages.
    ///   - store: the archive's objectives.
    ///   - defaultWindows: the evaluation windows.
    ///   - retention: `archive.retention`, the longest period an API objective's budget may have.
    ///   - logger: where shadowed names and invalid rows are reported.
    ///   - now: the clock for `updated_at`, in Unix milliseconds.
    /// - Throws: ``ArchiveError`` when the archive cannot be read.
    package init(
        declared: [ObjectiveConfiguration], file: String, store: ObjectiveStore, defaultWindows: [PrometheusDuration],
        retention: PrometheusDuration? = nil, logger: Logger,
        now: @escaping @Sendable () -> Int64 = wallClockMilliseconds
    ) throws(ArchiveError) {
        self.defaultWindows = defaultWindows.sorted()
        self.retention = retention
        var declaredByName: [String: RegisteredObjective] = [:]
        for entry in declared {
            declaredByName[entry.objective.name] = RegisteredObjective(
                entry.objective, origin: entry.origin(configurationFile: file), defaultWindows: defaultWindows)
        }
        self.declared = declaredByName
        self.store = store
        self.logger = logger
        self.now = now
        let (objectives, invalid) = try store.loadAll()
        var initial = State()
        for row in invalid {
            logger.error(
                "stored objective is not valid, ignored",
                metadata: ["objective.name": "\(row.name)", "objective.error": "\(row.error)"])
        }
        for objective in objectives {
            if let shadowing = declaredByName[objective.name] {
                logger.warning(
                    "objective declared in the configuration file and stored in the archive; the file's is used",
                    metadata: ["objective.name": "\(objective.name)", "config.location": "\(shadowing.origin)"])
                continue
            }
            let longest = defaultWindows.max() ?? PrometheusDuration(milliseconds: 0)
            if let window = objective.windows?.first(where: { $0 > longest }) {
                logger.warning(
                    "stored objective has a window longer than the longest evaluation window; it sees only that much",
                    metadata: [
                        "objective.name": "\(objective.name)", "objective.window": "\(window)",
                        "evaluation.longest_window": "\(longest)",
                    ])
            }
            if let problem = Self.periodProblem(objective, retention: retention) {
                logger.warning(
                    "stored objective's period is longer than the archive's retention; its budget sees only that much",
                    metadata: ["objective.name": "\(objective.name)", "objective.error": "\(problem)"])
            }
            initial.stored[objective.name] = RegisteredObjective(
                objective, origin: .api, defaultWindows: defaultWindows)
        }
        state = Mutex(initial)
    }

    /// The objectives in force now, with the generation.
    package var current: ObjectiveSet {
        state.withLock { Self.snapshot(declared: declared, state: $0) }
    }

    /// Increases by one with each committed change; 0 at start.
    package var generation: UInt64 { state.withLock { $0.generation } }

    /// The objective with this name, if any.
    /// - Returns: the objective in force.
    package func objective(named name: String) -> RegisteredObjective? {
        declared[name] ?? state.withLock { $0.stored[name] }
    }

    /// Whether a `PUT` of this objective would create it (`true`) or replace it (`false`).
    package enum PutOutcome: Sendable, Hashable {
        /// The name was new.
        case created
        /// An objective of that name was replaced.
        case replaced
    }

    /// Creates or replaces an objective in the archive.
    /// - Returns: whether it was created or replaced, and the objective as registered.
    /// - Throws: ``ObjectiveRegistryError``: `declaredInFile` for a name the file declares, `invalid` for a window
    ///   longer than the longest evaluation window or a period longer than ``retention``, `archive` when the write
    ///   fails.
    package func put(_ objective: Objective) async throws(ObjectiveRegistryError) -> (PutOutcome, RegisteredObjective) {
        try refuseDeclared(objective.name, "changed")
        let longest = defaultWindows.max() ?? PrometheusDuration(milliseconds: 0)
        if let window = objective.windows?.first(where: { $0 > longest }) {
            let error = ObjectiveError(
                .invalidWindow, field: "windows",
                "window \(window) is longer than the longest evaluation window \(longest)")
            throw ObjectiveRegistryError(.invalid, error.description, objectiveError: error)
        }
        if let error = Self.periodProblem(objective, retention: retention) {
            throw ObjectiveRegistryError(.invalid, error.description, objectiveError: error)
        }
        let registered = RegisteredObjective(objective, origin: .api, defaultWindows: defaultWindows)
        let created: Bool
        do {
            created = try await store.save(objective, at: now()) { [self] _ in
                commit { $0.stored[objective.name] = registered }
            }
        } catch {
            throw ObjectiveRegistryError(.archive, error.description)
        }
        return (created ? .created : .replaced, registered)
    }

    /// Deletes an objective from the archive.
    /// - Parameter name: the objective's name.
    /// - Throws: ``ObjectiveRegistryError``: `declaredInFile` for a name the file declares, `notFound` when there is
    ///   no such objective, `archive` when the write fails.
    package func delete(named name: String) async throws(ObjectiveRegistryError) {
        try refuseDeclared(name, "deleted")
        let deleted: Bool
        do {
            deleted = try await store.delete(named: name) { [self] in
                commit { $0.stored[name] = nil }
            }
        } catch {
            throw ObjectiveRegistryError(.archive, error.description)
        }
        guard deleted else {
            throw ObjectiveRegistryError(.notFound, "no objective named \(ConfigurationDecoder.quoted(name))")
        }
    }

    /// The error of a budget whose period is longer than ``retention``, if the objective has one.
    private static func periodProblem(_ objective: Objective, retention: PrometheusDuration?) -> ObjectiveError? {
        guard let retention, let period = objective.budget?.period,
            let problem = ObjectiveBudget.retentionProblem(period: period, retention: retention)
        else { return nil }
        return ObjectiveError(.invalidBudget, field: "period", problem)
    }

    private func refuseDeclared(_ name: String, _ verb: String) throws(ObjectiveRegistryError) {
        guard let declared = declared[name] else { return }
        throw ObjectiveRegistryError(
            .declaredInFile,
            "objective \(ConfigurationDecoder.quoted(name)) is declared in the configuration file at "
                + "\(declared.origin), which is authoritative for it: it cannot be \(verb) through the API "
                + "(edit the file and restart Sibyl)")
    }

    /// Applies a committed change and bumps the generation.
    private func commit(_ change: (inout State) -> Void) {
        state.withLock { state in
            change(&state)
            state.generation += 1
        }
    }

    private static func snapshot(declared: [String: RegisteredObjective], state: State) -> ObjectiveSet {
        var merged = declared
        for (name, objective) in state.stored where merged[name] == nil { merged[name] = objective }
        return ObjectiveSet(
            generation: state.generation, objectives: merged.values.sorted { $0.name < $1.name })
    }
}
