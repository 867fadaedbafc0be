/// A format `/metrics` can answer in: the syntax, its version and how names are escaped.
///
/// The text format 0.0.4 with escaped names is the default; ``negotiate(accept:)`` picks what a scraper prefers.
public struct ExpositionFormat: Sendable, Hashable, CustomStringConvertible {
    /// The family of formats.
    public enum Syntax: String, Sendable, Hashable, CaseIterable {
        /// The Prometheus text format (`text/plain`), versions 0.0.4 and 1.0.0.
        case text
        /// OpenMetrics (`application/openmetrics-text`), versions 1.0.0 and 0.0.1: `# EOF`, counters' family names
        /// without `_total`, `unknown` for untyped, `# UNIT`.
        case openMetrics
    }

    /// The syntax.
    public var syntax: Syntax
    /// The version named in the `Content-Type` (`0.0.4`, `1.0.0`, `0.0.1`).
    public var version: String
    /// How names that are not legacy names are written.
    public var escaping: NameEscaping

    /// Creates a format.
    /// - Parameters:
    ///   - syntax: the syntax.
    ///   - version: the version for the `Content-Type`.
    ///   - escaping: how names that are not legacy names are written.
    public init(_ syntax: Syntax, version: String, escaping: NameEscaping = .underscores) {
        self.syntax = syntax
        self.version = version
        self.escaping = escaping
    }

    /// The text format 0.0.4, names escaped: what a scraper that states no preference gets.
    public static let text = ExpositionFormat(.text, version: "0.0.4")
    /// OpenMetrics 1.0.0, names escaped.
    public static let openMetrics = ExpositionFormat(.openMetrics, version: "1.0.0")

    /// The HTTP `Content-Type`: `text/plain; version=0.0.4; charset=utf-8` or
    /// `application/openmetrics-text; version=1.0.0; charset=utf-8`, with `; escaping=…` for the versions that
    /// define it (1.0.0).
    public var contentType: String {
        let media = syntax == .text ? "text/plain" : "application/openmetrics-text"
        let base = "\(media); version=\(version); charset=utf-8"
        return version == "1.0.0" ? base + "; escaping=\(escaping.rawValue)" : base
    }

    /// The `Content-Type`.
    public var description: String { contentType }
}
