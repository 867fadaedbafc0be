internal import CZlib

/// gzip (RFC 1952) compression, backed by the system zlib, for `Content-Encoding: gzip` answers.
public enum Gzip {
    /// Compresses `input` into one gzip member.
    /// - Parameter input: the uncompressed bytes.
    /// - Returns: the gzip bytes; `nil` only if zlib cannot set up a stream (out of memory).
    public static func compress(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
        let initialized = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard initialized == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        // deflateBound is enough for one Z_FINISH call (plus the gzip header and trailer, which it counts).
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Decompresses gzip bytes (one member), refusing output over `limit` bytes.
    /// - Parameters:
    ///   - input: the gzip bytes.
    ///   - limit: the largest output accepted.
    /// - Returns: the uncompressed bytes, or `nil` for corrupt, truncated or oversized input.
    public static func decompress(_ input: [UInt8], limit: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                guard status == Z_OK || status == Z_STREAM_END, output.count + produced <= limit else { return nil }
                output.append(contentsOf: chunk[..<produced])
                if status == Z_STREAM_END { return output }
                // No progress and no input left: truncated.
                if produced == 0, stream.avail_in == 0 { return nil }
            }
        }
    }
}
