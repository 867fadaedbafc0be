import Testing

@testable import SibylAnalysis

/// `rate(h[w])` of native histograms by PromQL's rules, each expected value worked out by hand.
struct HistogramRateTests {
    static func counter(
        _ count: Double, schema: Int32 = 0, hint: FloatHistogram.CounterResetHint = .unknown
    )
        -> FloatHistogram
    {
        FloatHistogram(schema: schema, count: count, sum: count * 1.5, positive: [1: count], hint: hint)
    }

    @Test("a steady counter: 10 observations per 5 s sample give 2 per second, extrapolated to the window")
    func steady() throws {
        // Samples at 5 s … 60 s of a 60 s window ending at 60 s: increase 110 over 55 s; the start extrapolates
        // 5 s (to the counter's zero point, also within 110 % of the spacing), the end 0: 110·60/55/60 = 2.
        let samples = (1...12).map { (time: Int64($0) * 5000, histogram: Self.counter(Double($0) * 10)) }
        let rate = try #require(HistogramRate.rate(samples, end: 60_000, range: 60_000))
        #expect(abs(rate.count - 2) < 1e-12)
        #expect(abs(rate.sum - 3) < 1e-12)
        #expect(abs(rate.positive[1]! - 2) < 1e-12)
        #expect(rate.hint == .gauge)
    }

    @Test("a counter reset adds the sample before it, as PromQL does")
    func reset() throws {
        // 100, 200, 50, 150 at 10 s … 40 s in (0, 40]: increase 150 − 100 + 200 = 250 over 30 s; the start
        // extrapolates min(10, 30·100/250 = 12) = 10 s, the end 0: 250·40/30/40.
        let samples = [100.0, 200, 50, 150].enumerated().map {
            (time: Int64($0.offset + 1) * 10_000, histogram: Self.counter($0.element))
        }
        let rate = try #require(HistogramRate.rate(samples, end: 40_000, range: 40_000))
        #expect(abs(rate.count - 250.0 / 30) < 1e-12)
        #expect(abs(rate.positive[1]! - 250.0 / 30) < 1e-12)
    }

    @Test("a finer schema later in the window is a counter reset: the first sample is dropped")
    func schemaChange() throws {
        // Schema 1 bucket 2 is (√2, 2], inside schema 0 bucket 1 (1, 2].
        let first = FloatHistogram(schema: 0, count: 10, sum: 15, positive: [1: 10])
        let second = FloatHistogram(schema: 1, count: 20, sum: 30, positive: [2: 20])
        let rate = try #require(
            HistogramRate.rate([(Int64(10_000), first), (Int64(20_000), second)], end: 20_000, range: 20_000))
        // Schema up means a reset between the first two samples, so the first is dropped and the increase is the
        // second's 20, at its schema; over 10 s, the start extrapolates min(10, 10·10/20 = 5) = 5 s.
        #expect(rate.schema == 1)
        #expect(abs(rate.count - 20 * 15.0 / 10 / 20) < 1e-12)
    }

    @Test("mixed schemas without a reset: the increase is taken at the coarsest schema")
    func coarsestSchema() throws {
        let first = FloatHistogram(schema: 1, count: 10, sum: 15, positive: [2: 10])
        let second = FloatHistogram(schema: 0, count: 20, sum: 30, positive: [1: 20])
        let rate = try #require(
            HistogramRate.rate([(Int64(10_000), first), (Int64(20_000), second)], end: 20_000, range: 20_000))
        #expect(rate.schema == 0)
        #expect(rate.positive.keys.sorted() == [1])
        // Increase 10 over 10 s; the start extrapolates min(10, 10·10/10) = 10 s: 10·20/10/20 = 1.
        #expect(abs(rate.positive[1]! - 1) < 1e-12)
    }

    @Test("fewer than two samples in the window, or custom bounds that change, give no rate")
    func noRate() {
        #expect(HistogramRate.rate([(10_000, Self.counter(1))], end: 20_000, range: 20_000) == nil)
        let a = FloatHistogram(schema: -53, count: 1, sum: 1, positive: [0: 1], customBounds: [1])
        let b = FloatHistogram(schema: -53, count: 2, sum: 2, positive: [0: 2], customBounds: [2], hint: .notReset)
        #expect(HistogramRate.rate([(10_000, a), (20_000, b)], end: 20_000, range: 20_000) == nil)
        // Outside the window (T − w, T]: the sample at exactly T − w is left out.
        #expect(
            HistogramRate.rate([(0, Self.counter(1)), (10_000, Self.counter(2))], end: 10_000, range: 10_000) == nil)
    }
}
