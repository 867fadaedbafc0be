import Foundation

extension HTTPClientSettings {
    /// A secret file that could not be read.
    struct UnreadableSecret: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot read \(path): \(reason)" }
    }

    /// The `Authorization` header's value, with secret files read now; `nil` without credentials.
    /// - Throws: ``UnreadableSecret`` naming the file.
    func authorizationHeader() throws -> String? {
        if let basicAuth {
            let password = try Self.read(basicAuth.password)
            return "Basic " + Data("\(basicAuth.username):\(password)".utf8).base64EncodedString()
        }
        if let authorization {
            return "\(authorization.type) \(try Self.read(authorization.credentials))"
        }
        return nil
    }

    private static func read(_ secret: Secret) throws -> String {
        switch secret {
        case .inline(let text):
            return text
        case .file(let path):
            // Secret files are small; 64 KiB bounds what a wrong path (a log, a device) could make us read.
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw UnreadableSecret(path: path, reason: "no such file or no permission")
            }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
            guard let text = String(data: data, encoding: .utf8) else {
                throw UnreadableSecret(path: path, reason: "not UTF-8 text")
            }
            return text.trimmingCharacters(in: .newlines)
        }
    }
}
