import Foundation

/// Where a paged answer of the archive stopped, handed to the client as the opaque `next` token.
///
/// A token pins the walk: the range (`from`, `to`) and the newest id (the largest evaluation id, or series id for a
/// series listing, that existed at the first page), so that cycles committed during the walk do not shift pages and
/// walking every page gives the answer the first call would have given without a limit (retention may still delete
/// the oldest cycles meanwhile). It also holds a fingerprint of the query (endpoint, selectors, kind), so that a
/// token is refused by any other query. The text is base64url of a version byte and six big-endian integers.
package struct QueryCursor: Sendable, Hashable {
    /// The fingerprint of the query that made the token.
    var fingerprint: UInt64
    /// The pinned start of the range, in Unix milliseconds.
    var from: Int64
    /// The pinned end of the range, in Unix milliseconds.
    var to: Int64
    /// The largest row id the walk includes (evaluations for results and evaluations, series for series).
    var newestID: Int64
    /// The id of the last series given (results, series); 0 for evaluations.
    var series: Int64
    /// The time of the last value or evaluation given, in Unix milliseconds; unused for series.
    var time: Int64

    private static let version: UInt8 = 1
    private static let byteCount = 1 + 6 * 8

    /// The token's text.
    package var token: String {
        var bytes = [Self.version]
        for field in [Int64(bitPattern: fingerprint), from, to, newestID, series, time] {
            withUnsafeBytes(of: field.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Creates a cursor.
    init(fingerprint: UInt64, from: Int64, to: Int64, newestID: Int64, series: Int64, time: Int64) {
        self.fingerprint = fingerprint
        self.from = from
        self.to = to
        self.newestID = newestID
        self.series = series
        self.time = time
    }

    /// Reads a token's text.
    /// - Parameter token: the text of ``token``.
    /// - Returns: the cursor, or `nil` when the text is not a token of this version.
    init?(token: String) {
        guard token.utf8.count == 66, token.utf8.allSatisfy({ Self.isBase64URL($0) }) else { return nil }
        let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=="
        guard let data = Data(base64Encoded: standard), data.count == Self.byteCount, data.first == Self.version
        else { return nil }
        let bytes = Array(data)
        func field(_ index: Int) -> Int64 {
            bytes[(1 + index * 8)..<(9 + index * 8)].reduce(Int64(0)) { ($0 << 8) | Int64($1) }
        }
        fingerprint = UInt64(bitPattern: field(0))
        from = field(1)
        to = field(2)
        newestID = field(3)
        series = field(4)
        time = field(5)
        guard from <= to else { return nil }
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
