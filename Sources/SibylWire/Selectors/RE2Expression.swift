internal import CRE2Shim

/// A regular expression compiled by RE2, which matches in time linear in the value, as Go's `regexp` (and so
/// Prometheus) does: a pattern such as `(.*)*Q` cannot make a query backtrack for minutes.
///
/// Immutable after compiling, and RE2 matches from several threads at once, hence `Sendable`.
final class RE2Expression: @unchecked Sendable {
    /// What RE2 said about a pattern it did not compile (Go's own syntax checks come first, in ``RE2Translator``).
    struct CompileError: Error, CustomStringConvertible {
        let description: String
    }

    private let expression: OpaquePointer

    /// Compiles `pattern` as RE2 syntax; the caller anchors it.
    /// - Throws: ``CompileError`` when RE2 rejects it or it needs more than RE2's memory budget.
    init(_ pattern: String) throws(CompileError) {
        var error: UnsafeMutablePointer<CChar>?
        var pattern = pattern
        let compiled = pattern.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { sibyl_re2_new($0.baseAddress, $0.count, &error) }
        }
        guard let compiled else {
            let message = error.map { String(cString: $0) } ?? "does not compile"
            sibyl_re2_free_error(error)
            throw CompileError(description: message)
        }
        expression = compiled
    }

    deinit {
        sibyl_re2_free(expression)
    }

    /// Whether the expression matches somewhere in `value`, as Go's `MatchString` decides.
    func matches(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { sibyl_re2_partial_match(expression, $0.baseAddress, $0.count) }
        } != 0
    }
}
