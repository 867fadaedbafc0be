import ArgumentParser

/// `sibyl slo`: manages the objectives of a running Sibyl through its HTTP API.
struct ObjectivesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slo",
        abstract: "List, show, set, delete and check the objectives of a running Sibyl.",
        discussion: """
            Talks to a running Sibyl's API (--url). Changes need the admin token, from --token-file or the \
            environment variable SIBYL_ADMIN_TOKEN. Objectives declared in the configuration file are read-only \
            here: edit the file and restart Sibyl to change them.
            """,
        subcommands: [
            ObjectiveListCommand.self, ObjectiveGetCommand.self, ObjectiveSetCommand.self, ObjectiveDeleteCommand.self,
            ObjectiveStatusCommand.self,
        ]
    )
}

/// How `sibyl slo` prints its answers.
enum SloFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns.
    case table
    /// The API's `data`, as indented JSON.
    case json
}
