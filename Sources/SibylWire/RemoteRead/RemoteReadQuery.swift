/// One query of a remote-read request: an inclusive time range and label matchers (ANDed).
public struct RemoteReadQuery: Sendable, Hashable {
    /// First millisecond, inclusive.
    public var start: Int64
    /// Last millisecond, inclusive.
    public var end: Int64
    /// The matchers; all must match.
    public var matchers: [LabelMatcher]

    /// Creates a query.
    /// - Parameters:
    ///   - start: first millisecond, inclusive.
    ///   - end: last millisecond, inclusive.
    public init(start: Int64, end: Int64, matchers: [LabelMatcher]) {
        self.start = start
        self.end = end
        self.matchers = matchers
    }

    /// The inclusive range of the query, `start...end` (empty ranges become a single point that matches nothing).
    public var range: ClosedRange<Int64> {
        start <= end ? start...end : Int64.max...Int64.max
    }
}
