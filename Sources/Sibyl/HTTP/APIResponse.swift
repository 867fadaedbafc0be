import Foundation
import Hummingbird
import NIOCore

/// Successful JSON API responses, in Prometheus' shape: `{"status":"success","data":…}`.
enum APIResponse {
    /// The encoder of every API body: sorted keys, slashes unescaped, and a non-finite number as the string
    /// Prometheus writes for it (`"+Inf"`, `"-Inf"`, `"NaN"`): a series can hold ±Inf, and JSON has no such number.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return encoder
    }()

    private struct Envelope<Payload: Encodable>: Encodable {
        let data: Payload?

        private enum CodingKeys: String, CodingKey {
            case status, data
        }

        /// `data` is always present, `null` when `nil`.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("success", forKey: .status)
            try container.encode(data, forKey: .data)
        }
    }

    /// A success response carrying `data` (`null` when `nil`).
    /// - Parameters:
    ///   - data: the payload.
    ///   - status: the HTTP status (200 unless said otherwise).
    /// - Returns: the response, or a 500 in the error shape when `data` cannot be encoded.
    static func success<Payload: Encodable>(_ data: Payload?, status: HTTPResponse.Status = .ok) -> Response {
        do {
            let body = try encoder.encode(Envelope(data: data))
            return Response(
                status: status, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        } catch {
            return APIError(.internalServerError, "internal", "cannot encode the response: \(error)").response()
        }
    }
}
