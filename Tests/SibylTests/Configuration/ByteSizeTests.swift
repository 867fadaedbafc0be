import Sibyl
import Testing

struct ByteSizeTests {
    @Test(
        "sizes parse as Prometheus' retention size does: powers of 1024, with or without the i",
        arguments: [
            ("1048576", Int64(1_048_576)), ("0", 0), ("512B", 512), ("1KB", 1024), ("1KiB", 1024),
            ("512MB", 512 << 20), ("512MiB", 512 << 20), ("2GB", 2 << 30), ("2GiB", 2 << 30), ("3TB", 3 << 40),
            ("1PiB", 1 << 50), ("7EB", 7 << 60),
        ] as [(String, Int64)])
    func parses(_ text: String, _ bytes: Int64) {
        #expect(ByteSize(parsing: text) == ByteSize(bytes: bytes))
    }

    @Test(
        "anything else is refused",
        arguments: ["", "MB", "1.5GB", "-1", "+1", "1 GB", "1gb", "1mb", "1XB", "8EB", "99999999999999999999", "1GBB"])
    func refuses(_ text: String) {
        #expect(ByteSize(parsing: text) == nil)
    }

    @Test("the description uses the largest exact binary unit")
    func describes() {
        #expect(ByteSize(bytes: 512 << 20).description == "512MiB")
        #expect(ByteSize(bytes: 1500).description == "1500B")
        #expect(ByteSize(bytes: 0).description == "0B")
        #expect(ByteSize(bytes: 3 << 30).description == "3GiB")
    }
}
