import SibylAnalysis
import SibylWire
import Testing

@testable import Sibyl

struct FloatHistogramWireTests {
    @Test("spans give bucket indices: the first offset is an index, later ones gaps; the rest is carried over")
    func spans() {
        let wire = NativeHistogram(
            counterResetHint: .notReset, schema: 3, zeroThreshold: 0.001, zeroCount: 4, count: 16, sum: 2.5,
            positiveSpans: [BucketSpan(offset: -2, length: 2), BucketSpan(offset: 3, length: 1)],
            negativeSpans: [BucketSpan(offset: 1, length: 1)], positiveBuckets: [1, 2, 3], negativeBuckets: [6])
        let histogram = FloatHistogram(wire)
        #expect(histogram.positive == [-2: 1, -1: 2, 3: 3])
        #expect(histogram.negative == [1: 6])
        #expect(histogram.schema == 3 && histogram.zeroThreshold == 0.001 && histogram.zeroCount == 4)
        #expect(histogram.count == 16 && histogram.sum == 2.5 && histogram.hint == .notReset)
    }
}
