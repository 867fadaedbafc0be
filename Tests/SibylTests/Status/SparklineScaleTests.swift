import Sibyl
import Testing

/// The vertical range of a chart: the values and the point forecast set it, a wide interval is clipped, a far bound
/// is left out, a single value still gets a range.
struct SparklineScaleTests {
    @Test("a prediction interval a hundred times wider than the values is clipped to one span past them")
    func wideBandIsClipped() {
        let scale = SparklineScale(
            values: [1, 2.5, 1.8], forecast: [1.6, 1.7], interval: [-150, 150], bounds: [])
        #expect(scale.bandIsClipped)
        // Values 1…2.5 (span 1.5): the band reaches at most −0.5…4, padded by 6 %.
        #expect(abs(scale.low - (-0.5 - 4.5 * 0.06)) < 1e-9)
        #expect(abs(scale.high - (4 + 4.5 * 0.06)) < 1e-9)
        #expect(scale.clamp(150) == scale.high)
    }

    @Test("a narrow interval is drawn whole, and a bound near the values is inside the chart")
    func narrowBandIsWhole() {
        let scale = SparklineScale(values: [50, 60], forecast: [58], interval: [55, 65], bounds: [70])
        #expect(!scale.bandIsClipped)
        #expect(scale.contains(65) && scale.contains(70))
    }

    @Test("a bound far from the values is left out of the range rather than flattening the series")
    func farBound() {
        let gib = 1_073_741_824.0
        let scale = SparklineScale(values: [2.5 * gib, 2.6 * gib], forecast: [], interval: [], bounds: [0])
        #expect(!scale.contains(0))
        #expect(scale.low > 2.3 * gib)
    }

    @Test("a single value (the first cycle) gets a range of a tenth of it around it; zero gets ±1")
    func singleValue() {
        let scale = SparklineScale(values: [2_770_000_000], forecast: [], interval: [], bounds: [])
        #expect(scale.low < 2_770_000_000 && scale.high > 2_770_000_000)
        #expect(scale.high - scale.low > 200_000_000)
        let zero = SparklineScale(values: [0], forecast: [], interval: [], bounds: [])
        #expect(zero.low < -0.4 && zero.high > 0.4)
    }
}
