/// A failure of `sibyl slo`: the API's message, or why Sibyl could not be reached.
struct ObjectivesClientError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
