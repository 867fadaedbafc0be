import Foundation

/// The secret the mutating API calls require as `Authorization: Bearer <token>`.
///
/// It comes from `web.admin_token_file` when that is set (the file wins, and `SIBYL_ADMIN_TOKEN` is then ignored),
/// else from the environment variable `SIBYL_ADMIN_TOKEN`. Surrounding whitespace (the file's final newline) is
/// dropped. Without either, there is no token and the mutating API answers 403: it is never open.
public struct AdminToken: Sendable {
    /// The environment variable that gives the token when no file is configured.
    package static let environmentVariable = "SIBYL_ADMIN_TOKEN"
    /// The largest token file read.
    package static let maximumFileSize = 4096

    private let bytes: [UInt8]

    /// Creates a token from its text.
    /// - Parameter text: the token; surrounding whitespace is dropped.
    /// - Returns: `nil` when the text is empty after trimming.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        bytes = Array(trimmed.utf8)
    }

    /// Where the token came from: the file's path, or the environment variable.
    package enum Source: Sendable, Hashable {
        /// `web.admin_token_file`.
        case file(String)
        /// `SIBYL_ADMIN_TOKEN`.
        case environment
    }

    /// Reads the token: the file when one is configured, else the environment.
    /// - Parameters:
    ///   - file: `web.admin_token_file`, if set.
    ///   - environment: the process environment.
    /// - Returns: the token and its source, or `nil` when neither gives one (an empty variable counts as unset).
    /// - Throws: ``AdminTokenError`` naming the file when it is set but missing, unreadable, too large or empty.
    package static func load(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AdminTokenError) -> (token: AdminToken, source: Source)? {
        if let file {
            let data: Data
            do {
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
                defer { try? handle.close() }
                data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
            } catch {
                throw AdminTokenError(file: file, "cannot read the admin token file: \(error.localizedDescription)")
            }
            guard data.count <= maximumFileSize else {
                throw AdminTokenError(file: file, "the admin token file is larger than \(maximumFileSize) bytes")
            }
            guard let text = String(validating: data, as: UTF8.self), let token = AdminToken(text) else {
                throw AdminTokenError(file: file, "the admin token file is empty or not UTF-8 text")
            }
            return (token, .file(file))
        }
        guard let text = environment[environmentVariable], let token = AdminToken(text) else { return nil }
        return (token, .environment)
    }

    /// Whether `candidate` is the token, compared in time that depends only on the token's length.
    /// - Parameter candidate: the presented token.
    /// - Returns: `true` when equal.
    package func matches(_ candidate: some StringProtocol) -> Bool {
        let presented = Array(candidate.utf8)
        var difference = UInt8(presented.count == bytes.count ? 0 : 1)
        for index in bytes.indices {
            difference |= bytes[index] ^ (index < presented.count ? presented[index] : 0)
        }
        return difference == 0
    }
}
