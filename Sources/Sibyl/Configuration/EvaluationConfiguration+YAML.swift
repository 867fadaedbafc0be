extension EvaluationConfiguration: ConfigurationSection {
    static let keys = ["interval", "step", "windows", "metadata_interval"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["interval"] {
            interval = decoder.positiveDuration(field) ?? interval
        }
        if let field = mapping["step"] {
            step = decoder.positiveDuration(field) ?? step
        }
        if let field = mapping["metadata_interval"] {
            metadataInterval = decoder.positiveDuration(field) ?? metadataInterval
        }
        if let field = mapping["windows"] {
            windows = decodeWindows(field, with: &decoder) ?? windows
        }
    }

    /// The windows: at least one, each a positive duration no shorter than the step, none repeated; sorted ascending.
    private func decodeWindows(_ field: ConfigurationField, with decoder: inout ConfigurationDecoder)
        -> [PrometheusDuration]?
    {
        guard let elements = decoder.list(field, expected: "a list of durations such as [1h, 3h, 12h]") else {
            return nil
        }
        guard !elements.isEmpty else {
            decoder.report(.invalidValue, at: field.valuePosition, "\(field.path): at least one window is required")
            return nil
        }
        var windows: [PrometheusDuration] = []
        var firstLines: [PrometheusDuration: Int] = [:]
        var valid = true
        for element in elements {
            guard let window = decoder.positiveDuration(element) else {
                valid = false
                continue
            }
            if let line = firstLines[window] {
                decoder.report(
                    .duplicateValue, at: element.valuePosition,
                    "\(field.path): duplicate window \(window) (first on line \(line))")
                valid = false
                continue
            }
            firstLines[window] = element.valuePosition.line
            if window < step {
                decoder.report(
                    .invalidValue, at: element.valuePosition,
                    "\(field.path): window \(window) is shorter than the step \(step)")
                valid = false
            }
            windows.append(window)
        }
        return valid ? windows.sorted() : nil
    }
}
