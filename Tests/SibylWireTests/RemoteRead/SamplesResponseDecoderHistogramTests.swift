import SibylTestSupport
import SibylWire
import SwiftProtobuf
import Testing

/// Native histograms in SAMPLES responses (`TimeSeries.histograms`, Prometheus 3.14 `prompb.Histogram`).
struct SamplesResponseDecoderHistogramTests {
    @Test("every histogram vector's samples survive a SAMPLES response, through both decoders")
    func roundTrip() throws {
        let vectors = try PrometheusChunkVectors.load()
        // prompb.Histogram has no start timestamp: those of the *_ST vectors do not travel.
        let series = vectors.histogramCases.map { vector in
            TimeSeries(
                labels: [Label("__name__", "h"), Label("id", vector.id)],
                histograms: vector.samples.map { HistogramSample(timestamp: $0.t, histogram: $0.sample.histogram) })
        }
        #expect(series.count == 11)
        let body = SamplesResponseDecoder.encode([series])
        let (wire, dropped) = try SamplesResponseDecoder.decode(body, queryCount: 1, limits: SeriesLimits())
        #expect(dropped.isEmpty)
        #expect(wire == [series])
        #expect(try SamplesResponseDecoder.decode(body, queryCount: 1) == [series])
    }

    @Test("integer histograms' bucket deltas become absolute counts; spans, hint and custom bounds are kept")
    func integerForm() throws {
        var histogram = Prometheus_Histogram()
        histogram.timestamp = 1_700_000_015_000
        histogram.countInt = 17
        histogram.zeroCountInt = 2
        histogram.sum = 14
        histogram.schema = -53
        histogram.resetHint = .no
        var span = Prometheus_BucketSpan()
        span.offset = 0
        span.length = 7
        histogram.positiveSpans = [span]
        histogram.positiveDeltas = [1, 2, 0, 2, -3, 0, -1]
        histogram.customValues = [0.0005, 0.1, 0.25, 1, 2.5, 10]
        var message = Prometheus_TimeSeries()
        var label = Prometheus_Label()
        label.name = "__name__"
        label.value = "h"
        message.labels = [label]
        message.histograms = [histogram]
        var result = Prometheus_QueryResult()
        result.timeseries = [message]
        var response = Prometheus_ReadResponse()
        response.results = [result]
        let body = Snappy.compress(try response.serializedBytes())
        let want = HistogramSample(
            timestamp: 1_700_000_015_000,
            histogram: NativeHistogram(
                counterResetHint: .notReset, schema: -53, zeroCount: 2, count: 17, sum: 14,
                positiveSpans: [BucketSpan(offset: 0, length: 7)], positiveBuckets: [1, 3, 3, 5, 2, 2, 1],
                customValues: [0.0005, 0.1, 0.25, 1, 2.5, 10]))
        let (wire, _) = try SamplesResponseDecoder.decode(body, queryCount: 1, limits: SeriesLimits())
        #expect(wire.first?.first?.histograms == [want])
        #expect(try SamplesResponseDecoder.decode(body, queryCount: 1).first?.first?.histograms == [want])
    }

    @Test("histogram samples count toward the samples limits")
    func limits() throws {
        let sample = HistogramSample(timestamp: 1, histogram: NativeHistogram(count: 1))
        let body = SamplesResponseDecoder.encode([
            [TimeSeries(labels: [Label("__name__", "h")], histograms: (0..<5).map { _ in sample })]
        ])
        let (wire, dropped) = try SamplesResponseDecoder.decode(
            body, queryCount: 1, limits: SeriesLimits(samplesPerSeries: 4))
        #expect(wire == [[]])
        #expect(dropped == [.tooManySamples: 1])
    }
}
