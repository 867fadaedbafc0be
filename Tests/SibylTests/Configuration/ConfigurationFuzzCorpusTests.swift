import Sibyl
import SibylTestSupport
import Testing

/// Replays the configuration fuzz target's committed corpus (`Tests/Fixtures/fuzz/configuration/`) through the same
/// call as `Fuzz/Sources/FuzzConfiguration`: any text must load or throw `ConfigurationErrors`, never trap.
struct ConfigurationFuzzCorpusTests {
    @Test("configuration texts load or throw")
    func corpus() throws {
        for input in try FuzzCorpus.inputs("configuration") {
            _ = try? SibylConfiguration(yaml: String(decoding: input, as: UTF8.self), file: "fuzz.yml")
        }
    }
}
