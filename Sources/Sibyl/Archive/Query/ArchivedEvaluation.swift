/// One archived cycle: `{"time":1795784400,"duration_seconds":0.52,"status":"ok"}`.
package struct ArchivedEvaluation: Sendable, Hashable, Codable {
    /// The evaluation time T, in Unix milliseconds (written in JSON as Unix seconds).
    package var time: Int64
    /// The cycle's wall time in seconds, `nil` when it was not a finite number.
    package var durationSeconds: Double?
    /// How the cycle went (`ok`).
    package var status: String

    /// Creates a record.
    /// - Parameters:
    ///   - time: the evaluation time in Unix milliseconds.
    ///   - durationSeconds: the wall time in seconds.
    ///   - status: how the cycle went.
    package init(time: Int64, durationSeconds: Double?, status: String) {
        self.time = time
        self.durationSeconds = durationSeconds
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case time, status
        case durationSeconds = "duration_seconds"
    }

    /// Encodes the time as Unix seconds and the duration as `null` when absent.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Double(time) / 1000, forKey: .time)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(status, forKey: .status)
    }

    /// Decodes what ``encode(to:)`` writes.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let seconds = try container.decode(Double.self, forKey: .time)
        guard seconds.isFinite, abs(seconds) < 1e14 else {
            throw DecodingError.dataCorruptedError(forKey: .time, in: container, debugDescription: "not a time")
        }
        time = Int64((seconds * 1000).rounded())
        durationSeconds = try container.decodeIfPresent(Double.self, forKey: .durationSeconds)
        status = try container.decode(String.self, forKey: .status)
    }
}
