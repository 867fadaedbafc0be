package import SibylWire
import Synchronization

/// Holds what `/metrics` serves and swaps it atomically; `GET /metrics` only reads it.
///
/// Each publish renders the default format (text 0.0.4, names escaped) at once and keeps the families; any other
/// format a scraper negotiates (OpenMetrics, UTF-8 names), and each gzip answer, is rendered on its first request
/// and kept until the next publish, so that frequent scrapes never render twice between two cycles.
package final class ExpositionPublisher: Sendable {
    /// A rendering: the syntax, the name escaping, and whether it is gzip-compressed.
    private struct Variant: Hashable {
        var syntax: ExpositionFormat.Syntax
        var escaping: NameEscaping
        var gzip: Bool
    }

    private struct State {
        var families: [MetricFamily] = []
        var body: [UInt8] = []
        var variants: [Variant: [UInt8]] = [:]
        /// Counts publishes, so that a variant rendered from older families is not cached after a newer publish.
        var generation = 0
        /// Renderings made since the publisher was created (the default one at each publish included).
        var renders = 0
        var ready = false
        var stale: Staleness?
    }

    private let state = Mutex(State())

    /// Creates a publisher with an empty body.
    package init() {}

    /// The current body in the default format (text 0.0.4, names escaped).
    package var body: [UInt8] { state.withLock { $0.body } }

    /// How many renderings (and gzip compressions) were made so far: each publish makes one, and each other
    /// variant one on its first request after a publish; a cached answer makes none.
    package var renders: Int { state.withLock { $0.renders } }

    /// Why `/-/ready` answers 200 or 503: `nil` when it answers 200.
    package var notReadyReason: String? {
        state.withLock { state in
            state.ready ? state.stale?.description : "no evaluation cycle has succeeded yet"
        }
    }

    /// Replaces what is served; `succeeded` marks the publisher ready, until results go stale.
    /// - Parameters:
    ///   - families: the families to serve.
    ///   - succeeded: whether they come from a successful cycle.
    ///   - stale: why the derived families are withdrawn, `nil` while they are served.
    package func publish(_ families: [MetricFamily], succeeded: Bool, stale: Staleness? = nil) {
        let body = Self.render(families, in: .text)
        state.withLock {
            $0.families = families
            $0.body = body
            $0.variants = [Variant(syntax: .text, escaping: .underscores, gzip: false): body]
            $0.generation += 1
            $0.renders += 1
            if succeeded { $0.ready = true }
            $0.stale = stale
        }
    }

    /// The current body in `format`, gzip-compressed when `gzip` (and zlib could compress it).
    /// - Parameters:
    ///   - format: the negotiated format (its version only names the `Content-Type`; the body is the same).
    ///   - gzip: whether the scraper accepts gzip.
    /// - Returns: the body and whether it is gzip-compressed.
    package func body(for format: ExpositionFormat, gzip: Bool) -> (bytes: [UInt8], gzipped: Bool) {
        let plain = Variant(syntax: format.syntax, escaping: format.escaping, gzip: false)
        let (bytes, generation) = rendered(plain) { families in Self.render(families, in: format) }
        guard gzip else { return (bytes, false) }
        let compressed = Variant(syntax: format.syntax, escaping: format.escaping, gzip: true)
        if let hit = state.withLock({ $0.generation == generation ? $0.variants[compressed] : nil }) {
            return (hit, true)
        }
        guard let gzipped = Gzip.compress(bytes) else { return (bytes, false) }
        // Kept only if no publish came since `bytes`, so that it is always the gzip of what is served.
        state.withLock { state in
            state.renders += 1
            if state.generation == generation { state.variants[compressed] = gzipped }
        }
        return (gzipped, true)
    }

    /// The cached bytes of `variant` and the publish they belong to, made by `make` from the current families
    /// outside the lock on a miss, and kept unless a newer publish came first.
    private func rendered(
        _ variant: Variant, _ make: ([MetricFamily]) -> [UInt8]
    ) -> (bytes: [UInt8], generation: Int) {
        let (families, generation, hit) = state.withLock { ($0.families, $0.generation, $0.variants[variant]) }
        if let hit { return (hit, generation) }
        let bytes = make(families)
        state.withLock { state in
            state.renders += 1
            if state.generation == generation { state.variants[variant] = bytes }
        }
        return (bytes, generation)
    }

    /// The exposition of `families` in `format`. The catalog makes every family valid and the label sets are made
    /// unique where they are built, so the writer does not fail; if it ever did, the families it refuses are left
    /// out one by one rather than emptying `/metrics`, and Sibyl's own health always renders.
    static func render(_ families: [MetricFamily], in format: ExpositionFormat) -> [UInt8] {
        let writer = ExpositionWriter(format: format)
        if let body = try? writer.render(families) { return body }
        let valid = families.filter { (try? ExpositionWriter(format: format).render([$0])) != nil }
        return (try? writer.render(valid)) ?? []
    }
}
