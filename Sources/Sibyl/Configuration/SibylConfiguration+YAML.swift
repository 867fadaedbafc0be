import Foundation
import Yams

extension SibylConfiguration {
    /// The largest configuration file the loader reads (1 MiB).
    public static let maximumFileSize = 1 << 20

    /// The top-level sections; a new section is a type with a `+YAML.swift` file, a key here and a line in `init`.
    static let sections = [
        "source", "evaluation", "selectors", "analysis", "forecast", "limits", "web", "objectives", "archive",
        "remote_write",
        "sharding", "backfill",
    ]

    /// Reads and checks a configuration file.
    /// - Parameter path: the file's path (errors name it as given).
    /// - Returns: the configuration.
    /// - Throws: ``ConfigurationErrors`` with every mistake found: a missing, unreadable, oversized or non-UTF-8
    ///   file, or each mistake in its content with its line and column.
    public static func load(contentsOf path: String) throws(ConfigurationErrors) -> SibylConfiguration {
        try SibylConfiguration(yaml: readText(path), file: path)
    }

    /// Parses and checks configuration text.
    /// - Parameters:
    ///   - yaml: the YAML text.
    ///   - file: the name the errors give the text.
    /// - Throws: ``ConfigurationErrors`` with every mistake found, each with its line and column.
    public init(yaml: String, file: String) throws(ConfigurationErrors) {
        var decoder = ConfigurationDecoder(file: file, text: yaml)
        let document: Node?
        do {
            document = try Yams.compose(yaml: yaml)
        } catch {
            decoder.reportYAMLError(error)
            throw ConfigurationErrors(decoder.errors)
        }
        guard let root = decoder.rootMapping(document, keys: Self.sections) else {
            throw ConfigurationErrors(decoder.errors)
        }
        var configuration = SibylConfiguration()
        if root["source"] == nil {
            decoder.reportMissing("source", in: root)
        }
        decoder.decode(&configuration.source, from: root["source"])
        decoder.decode(&configuration.evaluation, from: root["evaluation"])
        configuration.selectors = decoder.selectors(root["selectors"], in: root)
        decoder.decode(&configuration.analysis, from: root["analysis"])
        decoder.evaluationStep = configuration.evaluation.step
        decoder.longestWindow = configuration.evaluation.longestWindow
        decoder.decode(&configuration.forecast, from: root["forecast"])
        configuration.forecast.coverWholeSteps(of: configuration.evaluation.step)
        decoder.decode(&configuration.limits, from: root["limits"])
        decoder.decode(&configuration.web, from: root["web"])
        // The archive first: an objective's period and the backfill's range may not outlast its retention.
        decoder.decode(&configuration.archive, from: root["archive"])
        decoder.archiveRetention = configuration.archive.retention
        configuration.objectives = decoder.objectives(
            root["objectives"], longestWindow: configuration.evaluation.longestWindow)
        configuration.remoteWrite = decoder.remoteWrite(root["remote_write"])
        decoder.decode(&configuration.sharding, from: root["sharding"])
        decoder.decode(&configuration.backfill, from: root["backfill"])
        guard decoder.errors.isEmpty else { throw ConfigurationErrors(decoder.errors) }
        self = configuration
    }

    /// The file's text, read with the size bound.
    static func readText(_ path: String) throws(ConfigurationErrors) -> String {
        func failure(_ code: ConfigurationError.Code, _ message: String) -> ConfigurationErrors {
            ConfigurationErrors([ConfigurationError(code, file: path, line: 0, column: 0, message: message)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure(.unreadableFile, "no such file")
        }
        guard !isDirectory.boolValue else { throw failure(.unreadableFile, "is a directory, not a configuration file") }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw failure(.unreadableFile, "cannot read the file: \(error.localizedDescription)")
        }
        guard data.count <= maximumFileSize else {
            throw failure(.fileTooLarge, "larger than \(maximumFileSize) bytes, the most a configuration file may hold")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw failure(.unreadableFile, "not valid UTF-8 text")
        }
        return text
    }
}
