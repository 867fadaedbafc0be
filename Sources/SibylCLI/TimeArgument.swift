import ArgumentParser
import Foundation
import Sibyl

/// Times on the command line: Unix seconds (fractions allowed) or RFC 3339, as Prometheus' API takes them.
enum TimeArgument {
    /// Parses `1795784400`, `1795784400.5` or `2026-11-27T14:00:00Z` into Unix milliseconds.
    static func milliseconds(parsing text: String) throws -> Int64 {
        // The JSON API's own parser, so that a time means the same on the command line and in a query string.
        if let milliseconds = try? ResultQuery.time("time", text) { return milliseconds }
        throw ValidationError("not a time: \"\(text)\" (use Unix seconds or RFC 3339, e.g. 2026-11-27T14:00:00Z)")
    }

    /// Unix milliseconds as RFC 3339 with milliseconds, in UTC.
    static func rfc3339(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
