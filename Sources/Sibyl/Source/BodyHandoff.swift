import Synchronization

/// Hands a response over, one element at a time, from the child task that receives it to the task that decodes it.
///
/// Cancelling the task that iterates AsyncHTTPClient's body is the only way to end a request once its headers are
/// in, so the network side runs in a child task that the read's deadline or a shutdown can cancel, while decoding,
/// which calls back into the caller, stays in the caller's task. ``send(_:)`` waits until its element is taken, so
/// at most one buffer is in flight; the first ``finish(_:)`` decides how the hand-over ends and wakes both sides.
final class BodyHandoff<Element: Sendable>: Sendable {
    private struct State {
        var element: Element?
        var end: Result<Void, any Error>?
        var consumer: CheckedContinuation<Element?, any Error>?
        var producer: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Hands `element` over and returns once it is taken, or at once when the hand-over has ended.
    func send(_ element: Element) async {
        await withCheckedContinuation { (producer: CheckedContinuation<Void, Never>) in
            let consumer = state.withLock { state -> CheckedContinuation<Element?, any Error>?? in
                if state.end != nil { return .some(nil) }
                if let consumer = state.consumer {
                    state.consumer = nil
                    return .some(consumer)
                }
                state.element = element
                state.producer = producer
                return .none
            }
            guard let consumer else { return }
            consumer?.resume(returning: element)
            producer.resume()
        }
    }

    /// Ends the hand-over, unless it has already ended: `.success` after the last element, `.failure` to make
    /// ``next()`` throw.
    func finish(_ result: Result<Void, any Error>) {
        let (consumer, producer, end) = state.withLock { state in
            if state.end == nil { state.end = result }
            defer {
                state.consumer = nil
                state.producer = nil
            }
            return (state.consumer, state.producer, state.end)
        }
        producer?.resume()
        if let consumer, let end { consumer.resume(with: end.map { _ in Element?.none }) }
    }

    /// The next element; `nil` after a successful end.
    /// - Throws: the failure the hand-over ended with, or `CancellationError` when the task is cancelled.
    func next() async throws -> Element? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (consumer: CheckedContinuation<Element?, any Error>) in
                let (ready, producer) = state.withLock {
                    state -> (Result<Element?, any Error>?, CheckedContinuation<Void, Never>?) in
                    if case .failure(let error) = state.end { return (.failure(error), nil) }
                    if let element = state.element {
                        state.element = nil
                        defer { state.producer = nil }
                        return (.success(element), state.producer)
                    }
                    if state.end != nil { return (.success(nil), nil) }
                    state.consumer = consumer
                    return (nil, nil)
                }
                producer?.resume()
                if let ready { consumer.resume(with: ready) }
            }
        } onCancel: {
            finish(.failure(CancellationError()))
        }
    }
}
