import Sibyl
import SibylWire

extension EvaluationState {
    /// What `/metrics` would show after the cycles run so far: the last successful cycle's families and the
    /// evaluation loop's self-monitoring.
    func render() throws -> [UInt8] {
        try ExpositionWriter().render(derivedFamilies + metrics.families())
    }
}
