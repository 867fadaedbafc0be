extension ExpositionWriter {
    /// Appends a family's header as ``write(_:into:)`` writes it before the family's samples: `# HELP` (when the
    /// help is not empty) and `# TYPE`, plus `# UNIT` in OpenMetrics.
    ///
    /// With ``writeSamples(_:of:labels:into:)`` and ``writeEnd(into:)``, an exposition whose samples carry
    /// timestamps (a history to backfill from) is written piece by piece, so that it never has to be held whole.
    /// The order is then the caller's: each family once, its header first and then its series; each series once,
    /// its samples in strictly increasing time; ``writeEnd(into:)`` last. promtool refuses anything else.
    /// - Parameters:
    ///   - family: the family; its samples are not written.
    ///   - buffer: the bytes to append to.
    public func writeHeader(of family: MetricFamily, into buffer: inout [UInt8]) {
        if format.syntax == .openMetrics {
            appendOpenMetricsHeader(of: family, into: &buffer)
        } else if family.name.isLegacy {
            buffer.append(contentsOf: family.header)
        } else {
            appendTextHeader(of: family, into: &buffer)
        }
    }

    /// Appends what ends an exposition: `# EOF` in OpenMetrics, nothing in the text format.
    /// - Parameter buffer: the bytes to append to.
    public func writeEnd(into buffer: inout [UInt8]) {
        if format.syntax == .openMetrics {
            buffer.append(contentsOf: "# EOF\n".utf8)
        }
    }

    /// Appends one series' samples with their timestamps, a line each: `name{labels} value timestamp`.
    ///
    /// Names and values are written as ``write(_:into:)`` writes them. The timestamp is in milliseconds in the
    /// text format and in seconds in OpenMetrics (`1733500000.5`; see ``appendOpenMetricsTimestamp(_:to:)``).
    /// - Parameters:
    ///   - samples: `(Unix milliseconds, value)` pairs, in the order to write them (strictly increasing time for
    ///     a valid exposition).
    ///   - name: the family's metric name (a counter's with its `_total`).
    ///   - labels: the series' labels.
    ///   - buffer: the bytes to append to.
    public func writeSamples(
        _ samples: some Sequence<(Int64, Double)>,
        of name: MetricName,
        labels: RenderedLabels,
        into buffer: inout [UInt8]
    ) {
        var prefix: [UInt8] = []
        appendSeries(named: name, labels: labels, into: &prefix)
        for (time, value) in samples {
            buffer.append(contentsOf: prefix)
            Self.appendValue(value, to: &buffer)
            buffer.append(UInt8(ascii: " "))
            if format.syntax == .openMetrics {
                Self.appendOpenMetricsTimestamp(time, to: &buffer)
            } else {
                buffer.append(contentsOf: String(time).utf8)
            }
            buffer.append(UInt8(ascii: "\n"))
        }
    }

    /// Appends Unix milliseconds as OpenMetrics seconds that Prometheus reads back as the same milliseconds.
    ///
    /// The text is the exact decimal (`1733500000`, `1733500000.5`, `1733500000.123`) unless Prometheus would read
    /// it wrong: its parser takes `int64(seconds * 1000)`, which truncates, and for about one time in 160 the
    /// product of the nearest double and 1000 falls just below the whole millisecond (`1095954883.735` reads as
    /// 1095954883734 ms). Such a time is written as the nearest double above (below, for a negative time) whose
    /// product truncates right, in its shortest round-trip spelling (`1095954883.7350001`): a parser that rounds
    /// reads the same milliseconds.
    /// - Parameters:
    ///   - milliseconds: the time in Unix milliseconds.
    ///   - buffer: the bytes to append to.
    static func appendOpenMetricsTimestamp(_ milliseconds: Int64, to buffer: inout [UInt8]) {
        if milliseconds.magnitude < 1 << 53 {
            var seconds = Double(milliseconds) / 1000
            var steps = 0
            while Int64(seconds * 1000) != milliseconds, steps < 8 {
                seconds = Int64(seconds * 1000) < milliseconds ? seconds.nextUp : seconds.nextDown
                steps += 1
            }
            if steps > 0, Int64(seconds * 1000) == milliseconds {
                buffer.append(contentsOf: seconds.description.utf8)
                return
            }
        }
        if milliseconds < 0 {
            buffer.append(UInt8(ascii: "-"))
        }
        buffer.append(contentsOf: String(milliseconds.magnitude / 1000).utf8)
        var fraction = milliseconds.magnitude % 1000
        guard fraction > 0 else { return }
        buffer.append(UInt8(ascii: "."))
        var divisor: UInt64 = 100
        while fraction > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }
}
