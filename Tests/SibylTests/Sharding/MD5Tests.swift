import Sibyl
import Testing

struct MD5Tests {
    /// RFC 1321, appendix A.5, and a message spanning two blocks after padding.
    static let vectors: [(String, String)] = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
    ]

    @Test("the RFC 1321 test suite", arguments: vectors)
    func rfc1321(_ message: String, _ expected: String) {
        #expect(MD5.digest(Array(message.utf8)).map { String(hexByte: $0) }.joined() == expected)
    }

    @Test("56 bytes, where the length no longer fits the first block")
    func paddingBoundary() {
        let digest = MD5.digest([UInt8](repeating: 0x61, count: 56))
        #expect(digest.map { String(hexByte: $0) }.joined() == "3b0c8ac703f828b04c6c197006d17218")
    }
}

extension String {
    fileprivate init(hexByte byte: UInt8) {
        let digits = String(byte, radix: 16)
        self = digits.count == 1 ? "0" + digits : digits
    }
}
