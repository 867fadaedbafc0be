import Sibyl
import Testing

struct ListenAddressTests {
    @Test(
        "parses Go's host:port syntax",
        arguments: [
            (":9798", "", 9798), ("127.0.0.1:9798", "127.0.0.1", 9798), ("[::1]:9798", "::1", 9798),
            ("localhost:0", "localhost", 0), ("[::]:65535", "::", 65_535), ("sibyl.example:80", "sibyl.example", 80),
        ])
    func valid(text: String, host: String, port: Int) throws {
        let address = try #require(ListenAddress(parsing: text))
        #expect(address == ListenAddress(host: host, port: port))
        #expect(address.description == text)
    }

    @Test(
        "rejects what net.Listen rejects",
        arguments: [
            "", "9798", ":", "host:", ":65536", ":123456", ":-1", ":http", "::1:9798", "[::1]9798", "[::1",
            "[127.0.0.1]:80",
            "a b:80", "host/x:80", ": 80",
        ])
    func invalid(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
    }

    @Test("an empty host binds every interface")
    func bindHost() {
        #expect(ListenAddress(host: "", port: 9798).isAnyHost)
        #expect(ListenAddress(host: "", port: 9798).bindHost == "0.0.0.0")
        #expect(ListenAddress(host: "::1", port: 9798).bindHost == "::1")
    }
}
