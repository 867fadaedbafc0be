/// Why an analysis could not be computed for a series; `shortDescription` is safe as a metric label.
public struct AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable, CaseIterable {
        case tooShort = "too_short"
        case constant = "constant"
        case nonFinite = "non_finite"
        case invalidArgument = "invalid_argument"
    }

    private let code: Code
    /// What exactly went wrong, for logs.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The series has too few values for the analysis.
    public static func tooShort(_ message: String) -> Self { Self(.tooShort, message) }
    /// All values are equal, so the analysis is undefined.
    public static func constant(_ message: String) -> Self { Self(.constant, message) }
    /// The input holds NaN or ±∞ where the analysis needs finite values.
    public static func nonFinite(_ message: String) -> Self { Self(.nonFinite, message) }
    /// An argument is out of its domain.
    public static func invalidArgument(_ message: String) -> Self { Self(.invalidArgument, message) }

    /// Every ``shortDescription``, so that counters by reason can start at 0.
    public static let reasons = Code.allCases.map(\.rawValue)

    /// A bounded reason, usable as a metric label value (`too_short`, `constant`, …).
    public var shortDescription: String { code.rawValue }

    /// The reason and the message.
    public var description: String { "\(code.rawValue): \(message)" }
}
