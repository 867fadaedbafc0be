import Foundation
import Sibyl
import SibylWire

/// The text `sibyl read` prints: one line per series with its sample count, range and values.
struct ReadReport {
    var series: [TimeSeries]
    var summary: RemoteReadClient.Summary
    var range: ClosedRange<Int64>
    var listSamples: Bool

    var text: String {
        var out = ""
        let type = summary.responseType == .samples ? "SAMPLES" : "STREAMED_XOR_CHUNKS"
        out += "\(summary.series) series, \(summary.samples) samples, \(summary.bytes) bytes (\(type)) "
        out += "in [\(TimeArgument.rfc3339(range.lowerBound)), \(TimeArgument.rfc3339(range.upperBound))]\n"
        for one in series.sorted(by: { $0.labels.lexicographicallyPrecedes($1.labels) }) {
            let name = one.label("__name__") ?? ""
            let labels = one.labels.filter { $0.name != "__name__" }.map(\.description).joined(separator: ", ")
            let values = one.samples.filter { !$0.isStaleMarker }.map(\.value)
            let stale = one.samples.count - values.count
            out += "\(name){\(labels)}  samples=\(one.samples.count)"
            if stale > 0 { out += " stale_markers=\(stale)" }
            if let first = one.samples.first, let last = one.samples.last {
                out += " first=\(TimeArgument.rfc3339(first.timestamp)) last=\(TimeArgument.rfc3339(last.timestamp))"
            }
            if let low = values.min(), let high = values.max(), let latest = values.last {
                out += " min=\(low) max=\(high) last=\(latest)"
            }
            out += "\n"
            if listSamples {
                for sample in one.samples {
                    out +=
                        "  \(TimeArgument.rfc3339(sample.timestamp))  \(sample.isStaleMarker ? "stale" : "\(sample.value)")\n"
                }
            }
        }
        return out
    }
}
