import Yams

extension ConfigurationDecoder {
    /// The ranges a number may be required to lie in.
    enum NumberRange {
        /// 0 < x < 1 (a significance level, a confidence level).
        case openUnit
        /// Any finite number.
        case finite
        /// A finite number not below 0.
        case nonNegative

        func contains(_ value: Double) -> Bool {
            switch self {
            case .openUnit: value > 0 && value < 1
            case .finite: value.isFinite
            case .nonNegative: value.isFinite && value >= 0
            }
        }

        var text: String {
            switch self {
            case .openUnit: "between 0 and 1 (exclusive)"
            case .finite: "a finite number"
            case .nonNegative: "a finite number not below 0"
            }
        }
    }

    /// A decimal number (YAML's `_` separators allowed) within a range.
    /// - Parameters:
    ///   - range: the values allowed.
    /// - Returns: the number, or `nil` when reported.
    mutating func number(_ field: ConfigurationField, in range: NumberRange) -> Double? {
        guard let text = scalar(field, expected: "a number") else { return nil }
        guard let value = Double(text.filter { $0 != "_" }) else {
            report(.wrongType, at: field.valuePosition, "\(field.path): expected a number, got \(Self.quoted(text))")
            return nil
        }
        guard range.contains(value) else {
            report(.invalidValue, at: field.valuePosition, "\(field.path): must be \(range.text), got \(text)")
            return nil
        }
        return value
    }
}
