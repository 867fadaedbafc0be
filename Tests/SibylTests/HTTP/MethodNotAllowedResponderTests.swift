import Foundation
import Sibyl
import SibylTestSupport
import Testing

/// A known path asked with a method it does not serve is 405 with `Allow`; unknown paths stay 404.
struct MethodNotAllowedResponderTests {
    @Test(
        "a wrong method on a known path is 405 naming the allowed methods",
        arguments: [
            ("DELETE", "/metrics", "GET, HEAD"), ("POST", "/-/healthy", "GET, HEAD"),
            ("POST", "/api/v1/objectives", "GET, HEAD"), ("GET", "/api/v1/evaluate", "POST"),
            ("PATCH", "/api/v1/objectives/free", "DELETE, GET, HEAD, PUT"),
            ("PUT", "/api/v1/objectives/free/status", "GET, HEAD"),
        ])
    func wrongMethod(method: String, path: String, allow: String) async throws {
        try await ObjectivesServer.with { server in
            let response = try await server.send(method, path)
            #expect(response.status == 405, "\(method) \(path)")
            #expect(response.headers["allow"] == allow, "\(method) \(path)")
            #expect(response.text.contains("\(method) is not allowed on \(path)"))
        }
    }

    @Test("unknown paths stay 404, a route's own 404 stays 404, and HEAD is answered where GET is")
    func notFoundStays() async throws {
        try await ObjectivesServer.with { server in
            #expect(try await server.send("GET", "/nothing").status == 404)
            #expect(try await server.send("DELETE", "/api/v1/nothing/else").status == 404)
            let unknown = try await server.send("GET", "/api/v1/objectives/unknown")
            #expect(unknown.status == 404)
            #expect(unknown.headers["allow"] == nil)
            #expect(try await server.send("HEAD", "/metrics").status == 200)
            #expect(try await server.send("HEAD", "/-/healthy").status == 200)
        }
    }
}
