import Foundation
import Testing

@testable import SibylAnalysis

/// Bucket bounds, quantiles and fractions of native histograms by Prometheus 3's documented rules
/// (`promql/quantile.go`, `model/histogram`), each expected value worked out by hand from those rules.
struct NativeHistogramTests {
    @Test("exponential bounds are the float64 nearest 2^(i·2^−schema), and the schema −4…−1 powers of two exactly")
    func exponentialBounds() {
        // 2^(k/8) for k = 1…7, the schema-3 bounds between 1 and 2 (each the nearest float64; 2^(k/8)/2 as printed
        // by Prometheus' table of fractions, times 2).
        let schema3: [Double] = [
            1.0905077326652577, 1.189207115002721, 1.2968395546510096, 1.4142135623730951, 1.5422108254079407,
            1.6817928305074290, 1.8340080864093424,
        ]
        for (k, expected) in schema3.enumerated() {
            #expect(FloatHistogram.exponentialBound(Int32(k + 1), schema: 3) == expected, "k = \(k + 1)")
        }
        #expect(FloatHistogram.exponentialBound(1, schema: 0) == 2)
        #expect(FloatHistogram.exponentialBound(0, schema: 0) == 1)
        #expect(FloatHistogram.exponentialBound(-1, schema: 0) == 0.5)
        #expect(FloatHistogram.exponentialBound(3, schema: -2) == 4096)
        #expect(FloatHistogram.exponentialBound(1024, schema: 0) == .greatestFiniteMagnitude)
        #expect(FloatHistogram.exponentialBound(1025, schema: 0) == .infinity)
        for schema: Int32 in 0...8 {
            for index: Int32 in -300...300 {
                let bound = FloatHistogram.exponentialBound(index, schema: schema)
                let exact = exp2l(Float80(index) / Float80(1 << schema))
                #expect(abs(Float80(bound) - exact) <= Float80(bound.ulp) / 2, "schema \(schema), index \(index)")
            }
        }
    }

    /// Schema 0, 4 observations in (1, 2] and 4 in (2, 4].
    static let twoBuckets = FloatHistogram(schema: 0, count: 8, sum: 18, positive: [1: 4, 2: 4])

    @Test("quantiles interpolate exponentially inside exponential buckets, from the low or the high end")
    func exponentialQuantiles() {
        let h = Self.twoBuckets
        // q = 0.25: rank 2 from below, in (1, 2], half way on a log scale: √2.
        #expect(h.quantile(0.25) == 2.0.squareRoot())
        // q = 0.75: rank 2 from above, in (2, 4]: the top half of it, 2^1.5.
        #expect(abs(h.quantile(0.75) - pow(2, 1.5)) < 1e-15)
        #expect(h.quantile(0.5) == 2)
        #expect(h.quantile(1) == 4)
        #expect(h.quantile(0) == 1)
        #expect(h.quantile(-0.1) == -.infinity)
        #expect(h.quantile(1.1) == .infinity)
        #expect(h.quantile(.nan).isNaN)
        #expect(FloatHistogram(schema: 0, count: 0, sum: 0).quantile(0.5).isNaN)
    }

    @Test("fractions are the inverse of quantiles")
    func exponentialFractions() {
        let h = Self.twoBuckets
        #expect(abs(h.fraction(from: -.infinity, to: 2.0.squareRoot()) - 0.25) < 1e-15)
        #expect(h.fraction(from: -.infinity, to: 2) == 0.5)
        #expect(h.fraction(from: -.infinity, to: .infinity) == 1)
        #expect(abs(h.fraction(from: 2.0.squareRoot(), to: pow(2, 1.5)) - 0.5) < 1e-15)
        #expect(h.fraction(from: 3, to: 3) == 0)
        #expect(h.fraction(from: .nan, to: 3).isNaN)
    }

    @Test("the zero bucket interpolates linearly, from 0 when only positive buckets hold observations")
    func zeroBucket() {
        let h = FloatHistogram(schema: 0, zeroThreshold: 0.5, zeroCount: 2, count: 4, sum: 3, positive: [1: 2])
        // q = 0.25: rank 1 of the zero bucket's 2, whose lower bound counts as 0: 0.25.
        #expect(h.quantile(0.25) == 0.25)
        #expect(h.fraction(from: -.infinity, to: 0.25) == 0.25)
        let both = FloatHistogram(
            schema: 0, zeroThreshold: 0.5, zeroCount: 2, count: 4, sum: 0, positive: [1: 1], negative: [1: 1])
        // Ascending: (−2, −1] 1, [−0.5, 0.5] 2, (1, 2] 1; q = 0.375 ranks 1.5: a quarter into the zero bucket.
        #expect(both.quantile(0.375) == -0.25)
    }

    @Test("custom buckets: linear interpolation, the first bucket from 0, the +Inf bucket its lower bound")
    func customBuckets() {
        let h = FloatHistogram(
            schema: FloatHistogram.customBucketsSchema, count: 10, sum: 30, positive: [0: 2, 1: 2, 2: 4, 3: 2],
            customBounds: [1, 2, 5])
        #expect(h.quantile(0.1) == 0.5)  // rank 1 of the first bucket (0, 1]
        #expect(h.quantile(0.6) == 3.5)  // rank 2 from the top: (5, +Inf] holds 2, then half way into (2, 5]
        #expect(h.quantile(0.9) == 5)  // in the +Inf bucket: its lower bound
        #expect(h.fraction(from: -.infinity, to: 3.5) == 0.6)
        #expect(h.fraction(from: 5, to: .infinity) == 0.2)
    }
}
