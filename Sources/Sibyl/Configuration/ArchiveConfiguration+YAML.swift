extension ArchiveConfiguration: ConfigurationSection {
    static let keys = ["path"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["path"], let text = decoder.scalar(field, expected: "a file path such as sibyl.db") {
            if text.isEmpty || text.unicodeScalars.contains(where: { $0 == "\0" }) {
                decoder.report(.invalidValue, at: field.valuePosition, "\(field.path): must be a file path")
            } else {
                path = text
            }
        }
    }
}
