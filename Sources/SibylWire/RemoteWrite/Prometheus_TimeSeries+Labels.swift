extension Prometheus_TimeSeries {
    /// A remote-write 1.0 time series of float samples.
    /// - Parameters:
    ///   - labels: the labels, sorted by name, `__name__` included.
    ///   - samples: the samples, oldest first.
    public init(labels: [Label], samples: [Sample]) {
        self.init()
        self.labels = labels.map { label in
            var proto = Prometheus_Label()
            proto.name = label.name
            proto.value = label.value
            return proto
        }
        self.samples = samples.map { sample in
            var proto = Prometheus_Sample()
            proto.timestamp = sample.timestamp
            proto.value = sample.value
            return proto
        }
    }
}
