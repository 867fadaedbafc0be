/// How `adfuller` chooses the number of lagged differences (its `autolag` argument).
public enum LagSelection: Sendable, Hashable, CaseIterable {
    /// `autolag="AIC"`: the lag with the smallest Akaike criterion on a common sample (statsmodels' default).
    case aic
    /// `autolag="BIC"`: the lag with the smallest Bayesian criterion on a common sample.
    case bic
    /// `autolag="t-stat"`: from the maximum lag down, the first whose last lag has |t| ≥ 1.6448536269514722.
    case tStatistic
    /// `autolag=None`: use the maximum lag itself.
    case fixed
}
