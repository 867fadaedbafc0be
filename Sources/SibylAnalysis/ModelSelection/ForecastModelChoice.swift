/// The model chosen for a series, its season and how every candidate did in the validation.
public struct ForecastModelChoice: Sendable, Hashable, Codable {
    /// The model with the least validation error.
    public var model: ForecastModel
    /// The season in steps, `nil` for none.
    public var season: Int?
    /// Every candidate's validation, in candidate order.
    public var validation: [CandidateValidation]
    /// The smoothing parameters fitted when the choice was made, which the forecast keeps until the next choice
    /// (``ForecastModel/refit(_:season:keeping:)``); `nil` to fit them again each time (a pinned model).
    public var smoothing: SmoothingParameters?

    /// Creates a choice.
    /// - Parameters:
    ///   - model: the chosen model.
    ///   - season: the season in steps, or `nil`.
    ///   - validation: every candidate's validation.
    ///   - smoothing: the fitted smoothing parameters to keep, or `nil`.
    public init(
        model: ForecastModel, season: Int?, validation: [CandidateValidation], smoothing: SmoothingParameters? = nil
    ) {
        self.model = model
        self.season = season
        self.validation = validation
        self.smoothing = smoothing
    }
}

/// One candidate's rolling-origin validation: its mean absolute error over every origin's steps, or why it has none.
public struct CandidateValidation: Sendable, Hashable, Codable {
    /// The candidate.
    public var model: ForecastModel
    /// The mean absolute error of its forecasts over the held-out steps, `nil` when a fit failed.
    public var meanAbsoluteError: Double?
    /// Why a fit failed, `nil` when it did not.
    public var failure: String?

    /// Creates a validation.
    /// - Parameters:
    ///   - model: the candidate.
    ///   - meanAbsoluteError: its error, or `nil`.
    ///   - failure: why it has none, or `nil`.
    public init(model: ForecastModel, meanAbsoluteError: Double?, failure: String? = nil) {
        self.model = model
        self.meanAbsoluteError = meanAbsoluteError
        self.failure = failure
    }
}
