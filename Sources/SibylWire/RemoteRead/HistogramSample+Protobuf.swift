extension HistogramSample {
    /// The sample of a `prompb.Histogram`: integer histograms' bucket deltas become absolute counts.
    init(_ message: Prometheus_Histogram) {
        var histogram = NativeHistogram(
            counterResetHint: CounterResetHint(message.resetHint), schema: message.schema,
            zeroThreshold: message.zeroThreshold, sum: message.sum, customValues: message.customValues)
        switch message.count {
        case .countInt(let count): histogram.count = Double(count)
        case .countFloat(let count): histogram.count = count
        case nil: break
        }
        switch message.zeroCount {
        case .zeroCountInt(let count): histogram.zeroCount = Double(count)
        case .zeroCountFloat(let count): histogram.zeroCount = count
        case nil: break
        }
        histogram.positiveSpans = message.positiveSpans.map { BucketSpan(offset: $0.offset, length: $0.length) }
        histogram.negativeSpans = message.negativeSpans.map { BucketSpan(offset: $0.offset, length: $0.length) }
        histogram.positiveBuckets =
            message.positiveDeltas.isEmpty ? message.positiveCounts : Self.absolute(message.positiveDeltas)
        histogram.negativeBuckets =
            message.negativeDeltas.isEmpty ? message.negativeCounts : Self.absolute(message.negativeDeltas)
        self.init(timestamp: message.timestamp, histogram: histogram)
    }

    /// The `prompb.Histogram` of this sample, in the float form (absolute counts as doubles), which holds every
    /// decoded histogram exactly.
    var protobuf: Prometheus_Histogram {
        var message = Prometheus_Histogram()
        message.timestamp = timestamp
        message.count = .countFloat(histogram.count)
        message.zeroCount = .zeroCountFloat(histogram.zeroCount)
        message.sum = histogram.sum
        message.schema = histogram.schema
        message.zeroThreshold = histogram.zeroThreshold
        message.resetHint = Prometheus_Histogram.ResetHint(histogram.counterResetHint)
        message.positiveSpans = histogram.positiveSpans.map(\.protobuf)
        message.negativeSpans = histogram.negativeSpans.map(\.protobuf)
        message.positiveCounts = histogram.positiveBuckets
        message.negativeCounts = histogram.negativeBuckets
        message.customValues = histogram.customValues
        return message
    }

    /// Absolute counts from integer deltas (the first absolute, each later one relative to the previous bucket).
    static func absolute(_ deltas: [Int64]) -> [Double] {
        var running: Int64 = 0
        return deltas.map { delta in
            running &+= delta
            return Double(running)
        }
    }
}

extension BucketSpan {
    /// The `prompb.BucketSpan` of this span.
    var protobuf: Prometheus_BucketSpan {
        var span = Prometheus_BucketSpan()
        span.offset = offset
        span.length = length
        return span
    }
}

extension CounterResetHint {
    /// The hint of a `prompb.Histogram.ResetHint`.
    init(_ hint: Prometheus_Histogram.ResetHint) {
        switch hint {
        case .yes: self = .reset
        case .no: self = .notReset
        case .gauge: self = .gauge
        default: self = .unknown
        }
    }
}

extension Prometheus_Histogram.ResetHint {
    /// The protobuf form of a hint.
    init(_ hint: CounterResetHint) {
        switch hint {
        case .unknown: self = .unknown
        case .reset: self = .yes
        case .notReset: self = .no
        case .gauge: self = .gauge
        }
    }
}
