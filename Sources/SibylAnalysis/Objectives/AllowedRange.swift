/// The closed range `[min, max]` an objective allows, where either bound may be absent (unbounded on that side).
///
/// A value `v` is *outside* when `v < min` or `v > max`; a value equal to a bound is inside. NaN is neither
/// inside nor outside. ``excess(_:)`` measures by how much a value violates the range, signed so that the
/// same number ranks violations and near misses.
public struct AllowedRange: Sendable, Hashable {
    /// One side of the range; its raw value is the `bound` label of the derived series.
    public enum Bound: String, Sendable, Hashable, CaseIterable {
        /// The lower bound: values below it violate the range.
        case min
        /// The upper bound: values above it violate the range.
        case max
    }

    /// The smallest allowed value, or `nil` when there is no lower bound.
    public let min: Double?
    /// The largest allowed value, or `nil` when there is no upper bound.
    public let max: Double?

    /// Creates a range.
    /// - Parameters:
    ///   - min: the smallest allowed value, finite, or `nil`.
    ///   - max: the largest allowed value, finite, or `nil`.
    /// - Throws: `AnalysisError.invalidArgument` when both bounds are absent, a bound is not finite, or `min > max`.
    public init(min: Double?, max: Double?) throws {
        guard min != nil || max != nil else {
            throw AnalysisError.invalidArgument("an allowed range needs a min, a max or both")
        }
        if let min, !min.isFinite { throw AnalysisError.invalidArgument("range min must be finite, got \(min)") }
        if let max, !max.isFinite { throw AnalysisError.invalidArgument("range max must be finite, got \(max)") }
        if let min, let max, min > max {
            throw AnalysisError.invalidArgument("range min \(min) is greater than max \(max)")
        }
        self.min = min
        self.max = max
    }

    /// The value of `bound`, or `nil` when the range has no such bound.
    /// - Parameter bound: the side.
    /// - Returns: the bound's value.
    public func limit(_ bound: Bound) -> Double? {
        switch bound {
        case .min: min
        case .max: max
        }
    }

    /// The bounds the range has, lower first.
    public var bounds: [Bound] {
        Bound.allCases.filter { limit($0) != nil }
    }

    /// Whether `value` violates the range: `value < min` or `value > max`; `false` for NaN.
    /// - Returns: `true` when the value is outside.
    public func isOutside(_ value: Double) -> Bool {
        excess(value) > 0
    }

    /// How far `value` lies beyond the range: `max(value − max, min − value)` over the bounds present.
    ///
    /// Positive outside (the distance past the violated bound), zero on a bound, negative inside (minus the
    /// distance to the nearer bound, the margin left). NaN for NaN. With min 10, max 20: 25 → 5, 4 → 6,
    /// 18 → −2, 10 → 0.
    /// - Returns: the signed excess.
    public func excess(_ value: Double) -> Double {
        switch (min, max) {
        case (let low?, let high?): Swift.max(value - high, low - value)
        case (let low?, nil): low - value
        case (nil, let high?): value - high
        case (nil, nil): -.infinity  // unreachable: the initializer requires a bound
        }
    }
}
