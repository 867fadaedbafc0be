import SibylTestSupport
import Testing

@testable import SibylAnalysis

struct ElementaryFunctionsTests {
    /// (x, ln x) with ln x correctly rounded (from Python's math.log).
    static let logarithms: [(Double, Double)] = [
        (2, 0.6931471805599453), (10, 2.302585092994046), (0.001, -6.907755278982137),
        (1.0000001, 9.999999505838704e-08), (8640, 9.064157861798101), (1e300, 690.7755278982137),
    ]

    @Test(arguments: logarithms)
    func logarithm(x: Double, want: Double) {
        expectClose(ElementaryFunctions.log(x), want, rtol: 4e-16, "ln \(x)")
    }

    @Test func logarithmSpecialValues() {
        #expect(ElementaryFunctions.log(1) == 0)
        #expect(ElementaryFunctions.log(0) == -.infinity)
        #expect(ElementaryFunctions.log(-1).isNaN)
        #expect(ElementaryFunctions.log10(1000) == 3)
        #expect(ElementaryFunctions.log10(8640) == 3.936513742478893)
    }

    @Test func exponentialAndTrigonometry() {
        expectClose(ElementaryFunctions.exp(1), 2.718281828459045, rtol: 4e-16, "e")
        expectClose(ElementaryFunctions.exp(-700), 9.85967654375977e-305, rtol: 1e-15, "exp(-700)")
        expectClose(ElementaryFunctions.sinCos(1).sin, 0.8414709848078965, rtol: 4e-16, "sin 1")
        expectClose(ElementaryFunctions.sinCos(4).cos, -0.6536436208636119, rtol: 4e-16, "cos 4")
    }

    @Test func normalTailsKeepRelativeAccuracy() {
        // scipy.stats.norm.cdf values.
        expectClose(NormalDistribution.cdf(-11.5), 6.595771446113675e-31, rtol: 1e-13, "Φ(-11.5)")
        expectClose(NormalDistribution.cdf(-2.5), 0.006209665325776132, rtol: 1e-14, "Φ(-2.5)")
        expectClose(NormalDistribution.cdf(0.3), 0.6179114221889526, rtol: 1e-15, "Φ(0.3)")
        expectClose(NormalDistribution.cdf(3), 0.9986501019683699, rtol: 1e-15, "Φ(3)")
    }
}
