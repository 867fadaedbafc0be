extension SLOConfiguration: ConfigurationSection {
    static let keys = ["sloth_compatible", "sloth_service"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["sloth_compatible"] {
            slothCompatible = decoder.choice(field, ["false": false, "true": true]) ?? slothCompatible
        }
        if let field = mapping["sloth_service"], let text = decoder.scalar(field) {
            if text.isEmpty {
                decoder.report(.invalidValue, at: field.valuePosition, "\(field.path): must not be empty")
            } else {
                slothService = text
            }
        }
    }
}
