/// When an HTTP request's reads of the archive must stop.
///
/// A query that selects much of a large archive would otherwise hold an archive reader and a core for as long as it
/// runs, even after its client has given up; the loops over series rows check the deadline once per row (a clock
/// read) and stop with ``ArchiveError/Code/timedOut``, which the APIs answer 503 `timeout`, as Prometheus answers a
/// query past its timeout.
package struct RequestDeadline: Sendable {
    /// How long one request may read: Prometheus' default query timeout.
    package static let requestTimeout: Duration = .seconds(30)
    /// No deadline: `sibyl query`, whose user can interrupt it.
    package static let none = RequestDeadline(instant: nil, timeout: .zero)

    private let instant: ContinuousClock.Instant?
    private let timeout: Duration

    private init(instant: ContinuousClock.Instant?, timeout: Duration) {
        self.instant = instant
        self.timeout = timeout
    }

    /// A deadline `timeout` from now.
    package init(after timeout: Duration = requestTimeout) {
        self.init(instant: .now + timeout, timeout: timeout)
    }

    /// The error to stop with once the deadline has passed, else `nil`.
    /// - Parameter path: the archive's path, for the error.
    func exceeded(path: String) -> ArchiveError? {
        guard let instant, ContinuousClock.now >= instant else { return nil }
        return ArchiveError(.timedOut, path: path, "the request ran past its deadline of \(timeout)")
    }

    /// Throws once the deadline has passed.
    /// - Throws: ``ArchiveError`` with code `timed_out`.
    func check(path: String) throws(ArchiveError) {
        if let error = exceeded(path: path) { throw error }
    }
}
