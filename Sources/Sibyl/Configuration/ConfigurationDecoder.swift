import Yams

/// Reads the sections of a composed YAML tree and collects every mistake on the way, with its position.
///
/// Each section type decodes itself in its own `+YAML.swift` file through ``ConfigurationSection``; the helpers here
/// and in the `ConfigurationDecoder+…` files turn a node into a value or report why they cannot.
struct ConfigurationDecoder {
    /// The file's path as the errors name it.
    let file: String
    /// The file's text, to follow a selector's columns back to the file.
    let source: ConfigurationSource
    /// The mistakes found so far.
    private(set) var errors: [ConfigurationError] = []

    /// Creates a decoder for one file.
    /// - Parameters:
    ///   - file: the path the errors name.
    ///   - text: the file's text.
    init(file: String, text: String) {
        self.file = file
        self.source = ConfigurationSource(text: text)
    }

    /// Records a mistake.
    /// - Parameters:
    ///   - code: the kind of mistake.
    ///   - position: where it is.
    ///   - message: what is wrong.
    mutating func report(_ code: ConfigurationError.Code, at position: ConfigurationPosition, _ message: String) {
        errors.append(
            ConfigurationError(code, file: file, line: position.line, column: position.column, message: message))
    }

    /// Decodes a section over its defaults when the field is present; an empty (null) section keeps the defaults.
    /// - Parameters:
    ///   - section: the section, holding its defaults.
    ///   - field: the section's field in the root mapping, if present.
    /// The evaluation step, once the `evaluation` section is read: the forecast horizon is a whole number of steps.
    var evaluationStep: PrometheusDuration?
    /// The longest evaluation window, once the `evaluation` section is read: no history is longer.
    var longestWindow: PrometheusDuration?
    /// The archive's retention, once the `archive` section is read: no backfill reaches further back.
    var archiveRetention: PrometheusDuration?

    mutating func decode<Section: ConfigurationSection>(_ section: inout Section, from field: ConfigurationField?) {
        guard let field, let mapping = mapping(field, keys: Section.keys) else { return }
        section.decode(mapping, with: &self)
    }
}

/// A section of the configuration file: one type, with its keys and its decoding in its own `+YAML.swift` file.
protocol ConfigurationSection {
    /// The keys the section accepts; any other is reported as unknown.
    static var keys: [String] { get }

    /// Reads the present keys over the defaults, reporting every mistake to the decoder.
    /// - Parameters:
    ///   - mapping: the section's checked keys and values.
    ///   - decoder: the decoder collecting mistakes.
    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder)
}

/// A 1-based line and column (in Unicode scalars) in the configuration file.
struct ConfigurationPosition: Hashable {
    /// The 1-based line.
    var line: Int
    /// The 1-based column.
    var column: Int

    /// The start of the file.
    static let start = ConfigurationPosition(line: 1, column: 1)
}

extension ConfigurationPosition {
    /// The position of a libyaml mark, or `fallback` when there is none.
    /// - Parameters:
    ///   - fallback: the position to use without a mark.
    init(_ mark: Mark?, or fallback: ConfigurationPosition = .start) {
        self = mark.map { ConfigurationPosition(line: $0.line, column: $0.column) } ?? fallback
    }
}

/// One value in the file with its dotted path (`evaluation.interval`) and where its key stands.
struct ConfigurationField {
    /// The dotted path for messages.
    let path: String
    /// Where the key stands (errors about a missing value point here).
    let keyPosition: ConfigurationPosition
    /// The value.
    let value: Node

    /// Where the value stands (its key's position for an empty value).
    var valuePosition: ConfigurationPosition {
        isNull ? keyPosition : ConfigurationPosition(value.mark, or: keyPosition)
    }

    /// Whether the value is YAML null: empty, `~` or `null` unquoted.
    var isNull: Bool { ConfigurationDecoder.isNull(value) }
}

/// A mapping whose keys were checked against a section's: the values by key.
struct ConfigurationMapping {
    /// The section's name for messages (empty for the root).
    let path: String
    /// Where the section's key stands (the file's start for the root); errors about missing keys point here.
    let position: ConfigurationPosition
    /// The values by key.
    let fields: [String: ConfigurationField]

    /// The field for a key, if present.
    subscript(key: String) -> ConfigurationField? { fields[key] }
}
