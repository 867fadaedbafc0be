extension EvaluationConfiguration: ConfigurationSection {
    static let keys = ["interval", "step", "windows", "metadata_interval", "stale_after"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        var intervalIsValid = true
        if let field = mapping["interval"] {
            if let value = decoder.positiveDuration(field) {
                interval = value
            } else {
                intervalIsValid = false
            }
        }
        var stepIsValid = true
        if let field = mapping["step"] {
            if let value = decoder.positiveDuration(field) {
                step = value
            } else {
                stepIsValid = false
            }
        }
        if let field = mapping["metadata_interval"] {
            metadataInterval = decoder.positiveDuration(field) ?? metadataInterval
        }
        if let field = mapping["stale_after"], let value = decoder.positiveDuration(field) {
            if intervalIsValid, value < interval {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): \(value) is shorter than the interval \(interval)")
            } else {
                staleAfter = value
            }
        }
        if let field = mapping["windows"] {
            windows = decodeWindows(field, step: stepIsValid ? step : nil, with: &decoder) ?? windows
        } else if let field = mapping["step"], stepIsValid, let shortest = windows.min(), shortest < step {
            decoder.report(
                .invalidValue, at: field.valuePosition,
                "\(field.path): the step \(step) is longer than the shortest window \(shortest)")
        }
    }

    /// The windows: at least one, each a positive duration no shorter than the step (when it is valid), none
    /// repeated; sorted ascending.
    private func decodeWindows(
        _ field: ConfigurationField, step: PrometheusDuration?, with decoder: inout ConfigurationDecoder
    ) -> [PrometheusDuration]? {
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
            if let step, window < step {
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
