public import Testing

/// Tells whether `got` is within `rtol·|want| + atol` of `want`, settling NaN, ±∞ and ±0 first.
///
/// NaN matches only NaN and an infinity only the same infinity; otherwise the
/// comparison is `|got − want| ≤ rtol·|want| + atol`, the oracle README's rule.
/// Not transitive, so never an `Equatable` conformance.
/// - Parameters:
///   - got: the computed value.
///   - want: the reference value.
///   - rtol: relative tolerance.
///   - atol: absolute tolerance.
/// - Returns: `true` when the values agree.
public func isClose(_ got: Double, _ want: Double, rtol: Double, atol: Double = 0) -> Bool {
    if want.isNaN || got.isNaN { return want.isNaN && got.isNaN }
    if want.isInfinite || got.isInfinite { return want == got }
    return abs(got - want) <= rtol * abs(want) + atol
}

/// Records a test issue when `got` is not within `rtol·|want| + atol` of `want` (see ``isClose(_:_:rtol:atol:)``).
/// - Parameters:
///   - got: the computed value.
///   - want: the reference value.
///   - rtol: relative tolerance.
///   - atol: absolute tolerance.
///   - context: what is compared, printed on failure.
public func expectClose(
    _ got: Double, _ want: Double, rtol: Double, atol: Double = 0, _ context: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if !isClose(got, want, rtol: rtol, atol: atol) {
        let deviation = abs(got - want)
        Issue.record(
            "\(context()): got \(got), want \(want) (|Δ| = \(deviation), allowed \(rtol * abs(want) + atol))",
            sourceLocation: sourceLocation
        )
    }
}

/// Records a test issue for every element of `got` not within tolerance of `want`, and for a length mismatch.
/// - Parameters:
///   - got: the computed values.
///   - want: the reference values.
///   - rtol: relative tolerance.
///   - atol: absolute tolerance.
///   - context: what is compared, printed on failure.
public func expectClose(
    _ got: [Double], _ want: [Double], rtol: Double, atol: Double = 0, _ context: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard got.count == want.count else {
        Issue.record("\(context()): got \(got.count) values, want \(want.count)", sourceLocation: sourceLocation)
        return
    }
    var failures = 0
    for (index, (g, w)) in zip(got, want).enumerated() where !isClose(g, w, rtol: rtol, atol: atol) {
        failures += 1
        if failures <= 5 {
            Issue.record(
                "\(context())[\(index)]: got \(g), want \(w) (|Δ| = \(abs(g - w)))",
                sourceLocation: sourceLocation
            )
        }
    }
    if failures > 5 {
        Issue.record("\(context()): \(failures) elements out of tolerance in all", sourceLocation: sourceLocation)
    }
}
