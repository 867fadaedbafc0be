import ArgumentParser
import Foundation
import Sibyl

extension AnalyzeCommand {
    /// The windows and step `sibyl analyze` uses, in milliseconds.
    struct EvaluationSettings: Sendable, Hashable {
        /// The window lengths, ascending.
        var windows: [Int64]
        /// The sampling step: a last sample more than two steps before T is pointed out.
        var step: Int64
    }

    /// The windows of `--windows`, else `evaluation.windows` of `--config.file`, else the defaults (1h, 3h, 12h);
    /// the step of `--config.file`, else the default 5s.
    /// - Parameter configured: the `evaluation` section of `--config.file`, if given.
    /// - Returns: the settings.
    /// - Throws: `ValidationError` for a bad `--windows`.
    func evaluationSettings(_ configured: EvaluationConfiguration?) throws -> EvaluationSettings {
        let evaluation = configured ?? EvaluationConfiguration()
        var windows = evaluation.windows.map(\.milliseconds)
        if let list = self.windows {
            let parsed = try list.split(separator: ",", omittingEmptySubsequences: false).map { text in
                try Self.positiveDuration(text.trimmingCharacters(in: .whitespaces), option: "--windows")
            }
            guard Set(parsed).count == parsed.count else {
                throw ValidationError("--windows: a window is repeated in \"\(list)\"")
            }
            windows = parsed.sorted()
        }
        return EvaluationSettings(windows: windows, step: evaluation.step.milliseconds)
    }

    /// A positive Prometheus duration in milliseconds.
    /// - Parameters:
    ///   - text: the duration.
    ///   - option: the option it was given to, for the message.
    /// - Returns: the milliseconds.
    /// - Throws: `ValidationError` naming the option.
    static func positiveDuration(_ text: String, option: String) throws(ValidationError) -> Int64 {
        let duration: PrometheusDuration
        do {
            duration = try PrometheusDuration(parsing: text)
        } catch {
            throw ValidationError("invalid \(option): \(error)")
        }
        guard duration.milliseconds > 0 else { throw ValidationError("\(option) must be positive, got \(text)") }
        return duration.milliseconds
    }
}
