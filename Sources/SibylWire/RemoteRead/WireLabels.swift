/// Builds a series' labels from the wire, held to ``SeriesLimits`` as it goes: shared by both response decoders,
/// so that a label that is not UTF-8 drops its series rather than failing the whole response in SwiftProtobuf.
enum WireLabels {
    /// The labels, or why the series is dropped.
    enum Outcome {
        case labels([Label])
        case dropped(SeriesDropReason)
    }

    /// The `Label` messages (field 1) of the series message at `range`.
    /// - Parameters:
    ///   - count: how many there are, counted beforehand, so that too many are refused before any is built.
    ///   - malformed: the error for bytes that are not protobuf.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, series range: Range<Int>, count: Int, limits: SeriesLimits,
        malformed: WireError
    ) throws(WireError) -> Outcome {
        guard count <= limits.labelsPerSeries else { return .dropped(.tooManyLabels) }
        var labels: [Label] = []
        labels.reserveCapacity(count)
        var labelBytes = 0
        var fields = ProtobufFieldReader(bytes, range: range)
        while let field = fields.next() {
            guard let field else { throw malformed }
            guard field.number == 1, let label = field.payload else { continue }
            var name = 0..<0
            var value = 0..<0
            var parts = ProtobufFieldReader(bytes, range: label)
            while let part = parts.next() {
                guard let part else { throw malformed }
                switch (part.number, part.payload) {
                case (1, let payload?): name = payload
                case (2, let payload?): value = payload
                default: continue
                }
            }
            labelBytes += name.count + value.count
            guard labelBytes <= limits.labelBytesPerSeries else { return .dropped(.labelBytes) }
            guard
                let name = String(validating: UnsafeRawBufferPointer(rebasing: bytes[name]), as: UTF8.self),
                let value = String(validating: UnsafeRawBufferPointer(rebasing: bytes[value]), as: UTF8.self)
            else { return .dropped(.invalidUTF8) }
            labels.append(Label(name, value))
        }
        return .labels(labels)
    }
}
