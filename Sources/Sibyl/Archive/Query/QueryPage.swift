package import Foundation

/// One page of the answer to a query of the archive: its rows, and the token of the next page when more follow.
///
/// It encodes as the API's whole body: `{"status":"success","data":…,"next":"…"}`, `next` only when set.
package struct QueryPage: Sendable, Hashable, Encodable {
    /// The rows.
    package var answer: QueryAnswer
    /// The `next` token to ask for the following page, `nil` on the last page.
    package var next: String?

    /// Creates a page.
    /// - Parameters:
    ///   - answer: the rows.
    ///   - next: the token of the next page.
    package init(answer: QueryAnswer, next: String?) {
        self.answer = answer
        self.next = next
    }

    private enum CodingKeys: String, CodingKey {
        case status, data, next
    }

    /// Encodes the API's body.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("success", forKey: .status)
        try container.encode(answer, forKey: .data)
        try container.encodeIfPresent(next, forKey: .next)
    }

    /// Reads an API body of an endpoint.
    /// - Parameters:
    ///   - endpoint: the call that answered.
    ///   - body: the JSON body.
    /// - Returns: the page.
    /// - Throws: `DecodingError` when the body is not that endpoint's shape.
    package static func decode(_ endpoint: ResultQuery.Endpoint, from body: Data) throws -> QueryPage {
        let decoder = JSONDecoder()
        decoder.userInfo[Body.endpoint] = endpoint
        let body = try decoder.decode(Body.self, from: body)
        return QueryPage(answer: body.data, next: body.next)
    }

    private struct Body: Decodable {
        static let endpoint = CodingUserInfoKey(rawValue: "sibyl.query.endpoint")!

        var data: QueryAnswer
        var next: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard try container.decode(String.self, forKey: .status) == "success",
                let endpoint = decoder.userInfo[Self.endpoint] as? ResultQuery.Endpoint
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .status, in: container, debugDescription: "not a successful answer")
            }
            data = try QueryAnswer(endpoint, from: container.superDecoder(forKey: .data))
            next = try container.decodeIfPresent(String.self, forKey: .next)
        }
    }
}
