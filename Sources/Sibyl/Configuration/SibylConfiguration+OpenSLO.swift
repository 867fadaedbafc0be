extension SibylConfiguration {
    /// Reads and checks a configuration file and the OpenSLO files given beside it (`--openslo.file`): their
    /// `kind: SLO` documents' objectives join the file's (``OpenSLODocument``), no name declared twice.
    /// - Parameters:
    ///   - path: the configuration file's path.
    ///   - openSLOFiles: the OpenSLO files' paths, each holding one or more YAML documents.
    /// - Returns: the configuration, its objectives the file's followed by each OpenSLO file's.
    /// - Throws: ``ConfigurationErrors`` with every mistake of every file, the configuration file's first, then each
    ///   OpenSLO file's in the order given.
    public static func load(
        contentsOf path: String, openSLOFiles: [String]
    ) throws(ConfigurationErrors)
        -> SibylConfiguration
    {
        var errors: [ConfigurationError] = []
        var configuration: SibylConfiguration?
        do {
            configuration = try load(contentsOf: path)
        } catch {
            errors = error.errors
        }
        var declared: [String: ObjectiveOrigin] = [:]
        for entry in configuration?.objectives ?? [] {
            declared[entry.objective.name] = entry.origin(configurationFile: path)
        }
        var added: [ObjectiveConfiguration] = []
        for file in openSLOFiles {
            let text: String
            do {
                text = try readText(file)
            } catch {
                errors += error.errors
                continue
            }
            var decoder = ConfigurationDecoder(file: file, text: text)
            // Without a valid configuration file the retention is unknown: the periods are checked against it later.
            decoder.archiveRetention = configuration?.archive.retention
            added += decoder.openSLOFile(declared: &declared)
            errors += ConfigurationErrors(decoder.errors).errors
        }
        guard errors.isEmpty, var configuration else {
            var thrown = ConfigurationErrors([])
            thrown.errors = errors
            throw thrown
        }
        configuration.objectives += added
        return configuration
    }
}
