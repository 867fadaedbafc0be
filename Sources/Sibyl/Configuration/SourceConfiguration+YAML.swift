import Foundation
import SibylWire

extension SourceConfiguration: ConfigurationSection {
    static let keys = ["type", "url", "timeout", "response_type", "max_range_per_request"] + HTTPClientSettings.keys

    /// The shortest `max_range_per_request` other than zero: shorter would read a window in thousands of requests.
    static let minimumRangePerRequest: Int64 = 60_000

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["type"] {
            kind = decoder.choice(field, ["remote_read": .remoteRead, "victoriametrics": .victoriaMetrics]) ?? kind
        }
        if let field = mapping["url"] {
            url = decoder.httpURL(field) ?? url
            if kind == .victoriaMetrics, let path = URLComponents(string: url)?.path,
                path.hasSuffix("/api/v1/read") || path.hasSuffix("/api/v1/export")
            {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): for type victoriametrics, the base URL the API hangs from "
                        + "(http://host:8428, or http://vmselect:8481/select/<tenant>/prometheus), without \(path)")
            }
        } else {
            decoder.reportMissing("url", in: mapping)
        }
        if let field = mapping["timeout"] {
            timeout = decoder.positiveDuration(field) ?? timeout
        }
        if let field = mapping["response_type"] {
            if kind == .victoriaMetrics {
                decoder.report(
                    .invalidValue, at: field.keyPosition,
                    "\(field.path): a remote-read setting; type victoriametrics reads JSON lines")
            } else {
                responseType =
                    decoder.choice(field, ["streamed": .streamedXORChunks, "samples": .samples]) ?? responseType
            }
        }
        if let field = mapping["max_range_per_request"], let range = decoder.duration(field) {
            if range.milliseconds != 0, range.milliseconds < Self.minimumRangePerRequest {
                decoder.report(
                    .invalidValue, at: field.valuePosition, "\(field.path): 0 (no limit) or at least 1m, got \(range)")
            } else {
                maxRangePerRequest = range
            }
        }
        let folder = URL(fileURLWithPath: decoder.file).deletingLastPathComponent()
        client.decode(mapping, folder: folder, with: &decoder)
    }
}
