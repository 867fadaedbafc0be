import Dispatch
import Foundation
import Synchronization

/// Writes metric families in the Prometheus text exposition format (0.0.4, or 1.0.0 with UTF-8 names) or in
/// OpenMetrics 1.0 (``ExpositionFormat``).
///
/// The output is deterministic: families sorted by name, samples sorted by label set, `# HELP` (when the help is
/// not empty) and `# TYPE` once per family, values as Go's `strconv.FormatFloat(v, 'g', -1, 64)` (`-0` as `0`),
/// no timestamps, every line ending in a line feed. Families without samples are left out. Label and metric names
/// that are not legacy names are escaped or quoted as the format's ``NameEscaping`` says (a quoted metric name goes
/// inside the braces: `{"http.requests_total",job="x"} 1`). OpenMetrics adds what it
/// requires: a counter's family name without `_total` in its `# TYPE` and `# HELP`, `unknown` for untyped,
/// `\"` escaped in HELP, a `# UNIT` line when the family has a unit its name ends with, and `# EOF`.
/// ``writeSamples(_:of:labels:into:)`` writes samples with timestamps, an exposition written piece by piece.
///
/// ```swift
/// var family = try MetricFamily(name: "example_window_max", kind: .gauge, help: "Maximum over the window.")
/// family.append(try RenderedLabels([("metric", "up"), ("window", "1h")]), 1)
/// let body = try ExpositionWriter().render([family])
/// ```
public struct ExpositionWriter: Sendable {
    /// The HTTP `Content-Type` of the output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The format written.
    public var format: ExpositionFormat

    /// Creates a writer.
    /// - Parameter format: the format to write, the text format 0.0.4 with escaped names by default.
    public init(format: ExpositionFormat = .text) {
        self.format = format
    }

    /// Appends the exposition of `families` to `buffer`.
    ///
    /// On error the buffer is left as it was.
    /// - Parameters:
    ///   - families: the families, in any order.
    ///   - buffer: the bytes to append to.
    /// - Throws: ``ExpositionError`` for two families with the same name or two samples with the same labels.
    public func write(_ families: [MetricFamily], into buffer: inout [UInt8]) throws(ExpositionError) {
        let start = buffer.count
        do {
            if format.escaping == .underscores, families.contains(where: { !$0.name.isLegacy }) {
                try Self.checkDistinctOnceEscaped(families)
            }
            var ordered = families
            if !(try Self.isStrictlyIncreasing(families)) {
                ordered.sort { $0.name < $1.name }
                _ = try Self.isStrictlyIncreasing(ordered)
            }
            var prepared: [PreparedFamily] = []
            prepared.reserveCapacity(ordered.count)
            for family in ordered where !family.samples.isEmpty {
                prepared.append(PreparedFamily(family: family, samples: try samples(of: family)))
            }
            writeLines(of: prepared, into: &buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        writeEnd(into: &buffer)
    }

    /// The exposition of `families` as bytes.
    /// - Parameter families: the families, in any order.
    /// - Returns: the exposition.
    /// - Throws: ``ExpositionError`` for two families with the same name or two samples with the same labels.
    public func render(_ families: [MetricFamily]) throws(ExpositionError) -> [UInt8] {
        var buffer: [UInt8] = []
        try write(families, into: &buffer)
        return buffer
    }

    /// The exposition of `families` as a string.
    /// - Parameter families: the families, in any order.
    /// - Returns: the exposition.
    /// - Throws: ``ExpositionError`` for two families with the same name or two samples with the same labels.
    public func renderString(_ families: [MetricFamily]) throws(ExpositionError) -> String {
        String(decoding: try render(families), as: UTF8.self)
    }

    /// A family to write, with its samples sorted by label set and checked.
    private struct PreparedFamily: Sendable {
        var family: MetricFamily
        var samples: [MetricFamily.Sample]
    }

    /// Samples from which the lines are written on every core: below it, starting threads costs more than it saves.
    static let parallelSamples = 20_000

    /// A family's samples sorted by label set, checked for duplicates.
    private func samples(of family: MetricFamily) throws(ExpositionError) -> [MetricFamily.Sample] {
        var samples = family.samples
        if !(try Self.isStrictlyIncreasing(samples, of: family.name)) {
            samples.sort { $0.labels < $1.labels }
            _ = try Self.isStrictlyIncreasing(samples, of: family.name)
        }
        if format.escaping == .underscores, samples.contains(where: \.labels.hasUTF8Names) {
            try Self.checkDistinctOnceEscaped(samples, of: family.name)
        }
        return samples
    }

    /// Appends the families' headers and lines. A large exposition (100,000 series make 150 MB) is cut into one
    /// piece per core, at sample boundaries (inside a family where needed), written in parallel and joined in order:
    /// the bytes are the same as written in one pass.
    private func writeLines(of families: [PreparedFamily], into buffer: inout [UInt8]) {
        let total = families.reduce(0) { $0 + $1.samples.count }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, total >= Self.parallelSamples else {
            for prepared in families { write(prepared, lines: prepared.samples.indices, into: &buffer) }
            return
        }
        // Each piece: (family index, sample range) segments of about `share` samples in all.
        let share = (total + cores - 1) / cores
        var pieces: [[(family: Int, lines: Range<Int>)]] = [[]]
        var room = share
        for (index, prepared) in families.enumerated() {
            var start = 0
            while start < prepared.samples.count {
                if room == 0 {
                    pieces.append([])
                    room = share
                }
                let end = min(prepared.samples.count, start + room)
                pieces[pieces.count - 1].append((index, start..<end))
                room -= end - start
                start = end
            }
        }
        let written = Mutex([[UInt8]](repeating: [], count: pieces.count))
        DispatchQueue.concurrentPerform(iterations: pieces.count) { [pieces] piece in
            var bytes: [UInt8] = []
            for segment in pieces[piece] {
                write(families[segment.family], lines: segment.lines, into: &bytes)
            }
            written.withLock { $0[piece] = bytes }
        }
        written.withLock { parts in
            buffer.reserveCapacity(buffer.count + parts.reduce(0) { $0 + $1.count })
            for part in parts { buffer.append(contentsOf: part) }
        }
    }

    /// Appends the lines `lines` of a family, preceded by its header when they start at its first sample.
    private func write(_ prepared: PreparedFamily, lines: Range<Int>, into buffer: inout [UInt8]) {
        let family = prepared.family
        if lines.lowerBound == 0 {
            writeHeader(of: family, into: &buffer)
        }
        for sample in prepared.samples[lines] {
            write(sample, named: family.name, into: &buffer)
        }
    }

    /// Refuses two samples whose label sets differ only in names that escape to the same name
    /// (`{a.b="1"}` and `{a_b="1"}`): escaped, they would be the same series.
    private static func checkDistinctOnceEscaped(
        _ samples: [MetricFamily.Sample],
        of name: MetricName
    ) throws(ExpositionError) {
        var seen: Set<[UInt8]> = []
        for sample in samples where !seen.insert(sample.labels.bytes).inserted {
            let escaped = String(decoding: sample.labels.bytes, as: UTF8.self)
            throw ExpositionError(.duplicateSeries, "duplicate series \(name)\(escaped) once names are escaped")
        }
    }

    /// Whether the families are in strictly increasing name order.
    /// - Throws: `.duplicateFamily` when two neighbours have the same name.
    private static func isStrictlyIncreasing(_ families: [MetricFamily]) throws(ExpositionError) -> Bool {
        var increasing = true
        for index in families.indices.dropFirst() {
            let previous = families[index - 1].name
            let current = families[index].name
            if previous < current {
                continue
            }
            if previous == current {
                throw ExpositionError(.duplicateFamily, "duplicate metric family \"\(current)\"")
            }
            increasing = false
        }
        return increasing
    }

    /// Whether the samples are in strictly increasing label-set order.
    /// - Throws: `.duplicateSeries` when two neighbours have the same labels.
    private static func isStrictlyIncreasing(
        _ samples: [MetricFamily.Sample],
        of name: MetricName
    ) throws(ExpositionError) -> Bool {
        var increasing = true
        for index in samples.indices.dropFirst() {
            let previous = samples[index - 1].labels
            let current = samples[index].labels
            if previous < current {
                continue
            }
            if previous == current {
                throw ExpositionError(.duplicateSeries, "duplicate series \(name)\(current)")
            }
            increasing = false
        }
        return increasing
    }

    /// Appends `name{labels} value\n` (`{"name",labels} value\n` for a quoted name).
    private func write(_ sample: MetricFamily.Sample, named name: MetricName, into buffer: inout [UInt8]) {
        appendSeries(named: name, labels: sample.labels, into: &buffer)
        Self.appendValue(sample.value, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends `name{labels} ` (`{"name",labels} ` for a quoted name): a sample line up to its value.
    func appendSeries(named name: MetricName, labels: RenderedLabels, into buffer: inout [UInt8]) {
        let labels = labels.bytes(for: format.escaping)
        if name.isLegacy || format.escaping == .underscores {
            buffer.append(contentsOf: name.underscoreEscaped.utf8)
            buffer.append(contentsOf: labels)
        } else {
            buffer.append(UInt8(ascii: "{"))
            Self.appendQuoted(name.rawValue, to: &buffer)
            if labels.isEmpty {
                buffer.append(UInt8(ascii: "}"))
            } else {
                buffer.append(UInt8(ascii: ","))
                buffer.append(contentsOf: labels.dropFirst())
            }
        }
        buffer.append(UInt8(ascii: " "))
    }

    /// Appends a sample value as Go formats it, `-0` as `0`.
    static func appendValue(_ value: Double, to buffer: inout [UInt8]) {
        GoFloatFormat.append(value == 0 ? 0 : value, to: &buffer)
    }
}
