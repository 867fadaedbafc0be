import Sibyl
import SibylWire
import Testing

/// Reducing an hour of values for drawing: bounded, ordered, extremes kept, non-finite values left out.
struct ObjectiveTraceTests {
    static let labels = [Label("__name__", "up")]

    @Test("an hour of 5 s samples is reduced to at most maximumPoints, keeping a one-sample spike and the dip")
    func reducesKeepingExtremes() {
        let times = (0..<720).map { Int64($0) * 5000 }
        let values = (0..<720).map { index -> Double in
            index == 333 ? 150 : index == 600 ? -20 : 50 + Double(index % 7)
        }
        let trace = ObjectiveTrace(labels: Self.labels, timestamps: times, values: values, forecast: nil)
        #expect(trace.values.count <= ObjectiveTrace.maximumPoints)
        #expect(trace.values.count > ObjectiveTrace.maximumPoints / 2)
        #expect(trace.timestamps.count == trace.values.count)
        #expect(trace.timestamps == trace.timestamps.sorted())
        #expect(trace.values.max() == 150 && trace.values.min() == -20)
        #expect(trace.timestamps[trace.values.firstIndex(of: 150) ?? 0] == 333 * 5000)
        #expect(trace.timestamps.first == 0 && trace.timestamps.last == 719 * 5000)
    }

    @Test("short input is kept as is, without the values that are not finite")
    func keepsShortInput() {
        let trace = ObjectiveTrace(
            labels: Self.labels, timestamps: [1, 2, 3, 4], values: [1, .nan, .infinity, 4], forecast: nil)
        #expect(trace.timestamps == [1, 4])
        #expect(trace.values == [1, 4])
    }

    @Test("a band is cut to its shortest array")
    func bandLengths() {
        let band = ObjectiveTrace.Band(timestamps: [1, 2, 3], values: [1, 2], lower: [0, 1, 2], upper: [2, 3, 4])
        #expect(band.timestamps == [1, 2] && band.lower == [0, 1] && band.upper == [2, 3])
    }
}
