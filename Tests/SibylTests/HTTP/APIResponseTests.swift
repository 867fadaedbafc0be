import Foundation
import Testing

@testable import Sibyl

struct APIResponseTests {
    @Test("a non-finite number is written as Prometheus writes it, not refused (a status answered 500 on +Inf)")
    func nonFiniteNumbers() throws {
        let body = try APIResponse.encoder.encode(["worst_value": [Double.infinity, -.infinity, 1.5]])
        #expect(String(decoding: body, as: UTF8.self) == #"{"worst_value":["+Inf","-Inf",1.5]}"#)
        let nan = try APIResponse.encoder.encode([Double.nan])
        #expect(String(decoding: nan, as: UTF8.self) == #"["NaN"]"#)
    }
}
