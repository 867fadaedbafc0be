/// Where an objective was declared: the configuration file (read-only at run time) or the API (stored in the archive).
package enum ObjectiveOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Declared in the configuration file, at this line.
    case file(path: String, line: Int)
    /// Created through the API (or `sibyl slo set`) and stored in the archive.
    case api

    /// `file` or `api`, as the API shows it.
    package var kind: String {
        switch self {
        case .file: "file"
        case .api: "api"
        }
    }

    /// `sibyl.yml:52` for the file, `api` otherwise.
    package var description: String {
        switch self {
        case .file(let path, let line): "\(path):\(line)"
        case .api: "api"
        }
    }
}
