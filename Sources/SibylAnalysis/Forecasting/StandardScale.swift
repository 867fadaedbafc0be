/// The mean and population standard deviation a fit standardises its series by, `(y − mean) / deviation`, so that
/// its optimiser and least squares work on values of order one whatever the series' units.
struct StandardScale {
    /// The series' mean.
    let mean: Double
    /// The series' population standard deviation, positive and finite.
    let deviation: Double

    /// The scale of `y`, or `nil` for an empty or constant series or one whose deviation is not finite.
    init?(_ y: [Double]) {
        let count = Double(y.count)
        let mean = y.reduce(0, +) / count
        let deviation = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count).squareRoot()
        guard deviation > 0, deviation.isFinite else { return nil }
        self.mean = mean
        self.deviation = deviation
    }

    /// `(y − mean) / deviation`.
    func standardised(_ y: [Double]) -> [Double] {
        y.map { ($0 - mean) / deviation }
    }
}
