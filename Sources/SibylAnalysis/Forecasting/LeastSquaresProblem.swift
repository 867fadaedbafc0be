/// A nonlinear least-squares problem `min_x F(x) = Σ_t r_t(x)²` as ``BoundedLevenbergMarquardt`` needs it.
protocol LeastSquaresProblem {
    /// The number of parameters.
    var parameterCount: Int { get }

    /// `F(x) = Σ r_t(x)²`, or `nil` to abandon the evaluation once the running sum exceeds `bound`.
    func sumOfSquares(_ x: [Double], bound: Double) -> Double?

    /// `F(x)`, and the Gauss-Newton normal equations at `x`: `normal = JᵀJ` (row-major, full) and
    /// `gradient = Jᵀr`, where `J = ∂r/∂x`.
    func linearize(_ x: [Double], normal: inout [Double], gradient: inout [Double]) -> Double
}
