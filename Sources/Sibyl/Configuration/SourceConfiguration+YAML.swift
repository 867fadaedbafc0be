import Foundation
import SibylWire

extension SourceConfiguration: ConfigurationSection {
    static let keys = ["url", "timeout", "response_type"] + HTTPClientSettings.keys

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["url"] {
            url = decoder.httpURL(field) ?? url
        } else {
            decoder.reportMissing("url", in: mapping)
        }
        if let field = mapping["timeout"] {
            timeout = decoder.positiveDuration(field) ?? timeout
        }
        if let field = mapping["response_type"] {
            responseType = decoder.choice(field, ["streamed": .streamedXORChunks, "samples": .samples]) ?? responseType
        }
        let folder = URL(fileURLWithPath: decoder.file).deletingLastPathComponent()
        client.decode(mapping, folder: folder, with: &decoder)
    }
}
