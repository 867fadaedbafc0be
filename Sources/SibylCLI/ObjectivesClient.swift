import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Sibyl

/// The HTTP calls of `sibyl slo` and `sibyl query`: one request to a running Sibyl's API, its `data` or its error.
struct ObjectivesClient: Sendable {
    /// The base URL, without a trailing slash.
    let baseURL: String
    /// The admin token sent as `Authorization: Bearer`, if any.
    let token: String?
    /// How long one request may take, connecting included.
    var timeout: TimeAmount = .seconds(10)

    /// The largest answer read: a page of `sibyl query` at the largest `--page-size` (100,000 rows of a few hundred
    /// bytes) fits.
    static let maximumResponseSize = 128 << 20

    /// A successful answer: the HTTP status, the `data` member as JSON, and the whole body.
    struct Answer {
        var status: Int
        var data: Any
        var body: Data = Data()
    }

    /// Sends one request and returns the answer's `data`.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the path under the base URL.
    ///   - body: the JSON body, if any.
    /// - Returns: the status and `data`.
    /// - Throws: ``ObjectivesClientError`` with the API's message (and a hint for 401 and 403), or the transport failure.
    func send(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws(ObjectivesClientError) -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: Self.maximumResponseSize)
        } catch is NIOTooManyBytesError {
            throw ObjectivesClientError(
                "the answer of \(baseURL + path) is larger than \(Self.maximumResponseSize >> 20) MiB "
                    + "(sibyl query: use a smaller --page-size)")
        } catch {
            throw ObjectivesClientError(
                "cannot reach Sibyl: \(TransportFailure(error, endpoint: TransportFailure.endpoint(of: baseURL)))")
        }
        let body = Data(bytes.readableBytesView)
        let json = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        let object = json as? [String: Any]
        guard (200..<300).contains(status) else {
            let message = object?["error"] as? String ?? "HTTP \(status) from \(baseURL + path)"
            throw ObjectivesClientError(refusal(status: status, message: message, tokenGiven: token != nil))
        }
        guard let object, object["status"] as? String == "success" else {
            throw ObjectivesClientError("unexpected answer from \(baseURL + path): not the JSON API's shape")
        }
        return Answer(status: status, data: object["data"] ?? NSNull(), body: body)
    }

    /// What a refused call tells the user: for 403 and 401, which token is missing or wrong and where to set it.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - message: the API's error message.
    ///   - tokenGiven: whether the call carried a token.
    func refusal(status: Int, message: String, tokenGiven: Bool) -> String {
        let variable = AdminToken.environmentVariable
        switch status {
        case 403:
            return "Sibyl at \(baseURL) has no admin token configured, so it refuses every change (\(message)): "
                + "start it with web.admin_token_file or \(variable) set (./scripts/run.sh writes one to "
                + ".run/admin-token), then pass the same token here"
        case 401 where tokenGiven:
            return "the admin token was wrong: Sibyl at \(baseURL) did not accept it (\(message)); "
                + "give the token it was started with (--token-file or \(variable))"
        case 401:
            return "Sibyl at \(baseURL) needs its admin token for this call (\(message)): "
                + "give it with --token-file or \(variable)"
        default:
            return message
        }
    }

    /// Decodes an answer's `data` into a type.
    /// - Parameters:
    ///   - data: the `data` member.
    /// - Returns: the value.
    /// - Throws: ``ObjectivesClientError`` when the shape does not match.
    static func decode<T: Decodable>(_ type: T.Type, from data: Any) throws(ObjectivesClientError) -> T {
        do {
            let bytes = try JSONSerialization.data(withJSONObject: data, options: [.fragmentsAllowed])
            return try JSONDecoder().decode(type, from: bytes)
        } catch {
            throw ObjectivesClientError("unexpected answer from Sibyl: \(error)")
        }
    }

    /// The `data` member as indented JSON with sorted keys, and a final newline.
    static func json(_ data: Any) -> String {
        let bytes =
            (try? JSONSerialization.data(
                withJSONObject: data,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]))
            ?? Data()
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }
}
