import ArgumentParser
import Foundation
import NIOCore
import Sibyl

/// The options every `sibyl slo` command takes: where Sibyl is, the admin token and the output format.
struct ObjectivesOptions: ParsableArguments {
    @Option(help: "The running Sibyl's base URL.")
    var url = "http://127.0.0.1:9798"

    @Option(help: "A file holding the admin token (default: the environment variable SIBYL_ADMIN_TOKEN).")
    var tokenFile: String?

    @Option(help: "Output format: table or json.")
    var format: SloFormat = .table

    @Option(help: "Seconds to wait for Sibyl's answer.")
    var timeout = 10

    /// Checks the timeout.
    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout: must be at least 1 second, got \(timeout)") }
    }

    /// The client for these options; the token is read from the file, else from the environment.
    /// - Parameter environment: the process environment.
    /// - Throws: `ValidationError` when the token file cannot be read or is empty.
    func client(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ObjectivesClient {
        var token: String?
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw ValidationError("--token-file: cannot read \(tokenFile)")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw ValidationError("--token-file: \(tokenFile) is empty") }
            token = trimmed
        } else if let text = environment[AdminToken.environmentVariable]?
            .trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        {
            token = text
        }
        return ObjectivesClient(
            baseURL: url.hasSuffix("/") ? String(url.dropLast()) : url, token: token, timeout: .seconds(Int64(timeout)))
    }

    /// Checks a name before it goes into a URL.
    /// - Parameter name: the objective's name.
    /// - Throws: `ValidationError` for an invalid name.
    static func check(name: String) throws {
        guard Objective.isValidName(name) else {
            throw ValidationError(
                "not a valid objective name: \"\(name)\" (1 to \(Objective.maximumNameLength) letters, digits, "
                    + "\"_\" or \"-\")")
        }
    }
}
