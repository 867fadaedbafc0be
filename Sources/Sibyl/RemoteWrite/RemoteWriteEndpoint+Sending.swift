import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SibylWire
import Synchronization

extension RemoteWriteEndpoint {
    /// How one request ended.
    enum Outcome: Sendable, Equatable {
        /// A 2xx; `written` when it carried an `X-Prometheus-Remote-Write-*-Written` header.
        case accepted(written: Bool)
        /// A 5xx, a 429, a timeout or a network error: send again, after `retryAfter` if the receiver said.
        case retryable(reason: String, retryAfter: Duration?)
        /// A 415 Unsupported Media Type.
        case unsupportedMediaType(message: String)
        /// Any other answer: not sent again.
        case refused(status: Int, message: String)
    }

    /// The most bytes of a receiver's error message that are logged.
    static let messageLimit = 1024

    /// Sends a batch until it is acknowledged or refused.
    /// - Throws: `CancellationError` when the task is cancelled (the cursor then stays before the batch).
    func send(_ batch: RemoteWriteBatch) async throws {
        let series = Self.series(batch)
        let count = batch.entries.count
        let queue = configuration.queue
        var backoff = queue.minBackoff.duration
        var retries = 0
        while true {
            try Task.checkCancellation()
            let v2 = speaksV2
            let body = v2 ? RemoteWriteBody.v2(series) : RemoteWriteBody.v1(series)
            let outcome = try await post(body, v2: v2)
            switch outcome {
            case .accepted(let written):
                if configuration.protocolVersion == .auto, v2, !written {
                    fallBack("a 2xx without the X-Prometheus-Remote-Write-*-Written headers")
                    continue
                }
                counters.withLock {
                    $0.sent += count
                    $0.highestSentTime = max($0.highestSentTime, batch.newestTime ?? 0)
                }
                if retries > 0 {
                    logger.info("remote write recovered", metadata: ["remote_write.retries": "\(retries)"])
                }
                return
            case .unsupportedMediaType(let message) where configuration.protocolVersion == .auto && v2:
                fallBack("415 Unsupported Media Type: \(message)")
            case .unsupportedMediaType(let message):
                refuse(count, status: 415, message: message)
                return
            case .refused(let status, let message):
                refuse(count, status: status, message: message)
                return
            case .retryable(let reason, let retryAfter):
                counters.withLock { $0.retried += count }
                updatePendingCycles()
                let wait = min(retryAfter ?? backoff, queue.maxBackoff.duration)
                backoff = min(backoff * 2, queue.maxBackoff.duration)
                retries += 1
                let metadata: Logger.Metadata = [
                    "remote_write.reason": "\(reason)", "remote_write.samples": "\(count)",
                    "remote_write.wait": "\(wait)", "remote_write.retries": "\(retries)",
                ]
                // The first failure at warning; the rest of an outage at debug, so that it does not flood the log.
                if retries == 1 {
                    logger.warning("remote write failed, retrying", metadata: metadata)
                } else {
                    logger.debug("remote write failed, retrying", metadata: metadata)
                }
                try await Task.sleep(for: wait)
            }
        }
    }

    /// Counts the cycles after the stored cursors again, so that the gauge grows while a batch is retried.
    private func updatePendingCycles() {
        guard let cursor = try? store.remoteWriteCursor(configuration.name) ?? .min,
            let backfill = try? store.remoteWriteCursor(configuration.name, .backfill) ?? 0,
            let pending = try? store.cycleCount(after: cursor, backfilledAfter: backfill)
        else { return }
        counters.withLock { $0.pendingCycles = pending }
    }

    /// Whether the next request is 2.0.
    private var speaksV2: Bool {
        switch configuration.protocolVersion {
        case .v1: false
        case .v2: true
        case .auto: !fellBack.load(ordering: .relaxed)
        }
    }

    private func fallBack(_ why: String) {
        fellBack.store(true, ordering: .relaxed)
        counters.withLock { $0.protocolVersion = "v1" }
        logger.warning(
            "remote write falls back to 1.0: the receiver does not speak 2.0",
            metadata: ["remote_write.reason": "\(why)"])
    }

    private func refuse(_ count: Int, status: Int, message: String) {
        let lowered = message.lowercased()
        let reason = lowered.contains("too old") || lowered.contains("out of bounds") ? "too_old" : "rejected"
        counters.withLock {
            $0.failed += count
            $0.dropped[reason, default: 0] += count
        }
        logger.error(
            "remote write refused, not retried",
            metadata: [
                "remote_write.status": "\(status)", "remote_write.message": "\(message)",
                "remote_write.samples": "\(count)", "remote_write.reason": "\(reason)",
            ])
    }

    /// One request, its whole exchange bounded by the endpoint's `timeout`.
    /// - Throws: `CancellationError` only.
    func post(_ body: [UInt8], v2: Bool) async throws -> Outcome {
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        for (name, value) in configuration.client.headers.sorted(by: { $0.key < $1.key }) {
            request.headers.add(name: name, value: value)
        }
        request.headers.add(name: "Content-Encoding", value: "snappy")
        request.headers.add(
            name: "Content-Type", value: v2 ? RemoteWriteBody.contentTypeV2 : RemoteWriteBody.contentTypeV1)
        request.headers.add(
            name: "X-Prometheus-Remote-Write-Version", value: v2 ? RemoteWriteBody.versionV2 : RemoteWriteBody.versionV1
        )
        request.headers.add(name: "User-Agent", value: "Sibyl/\(SibylVersion.version)")
        do {
            if let authorization = try configuration.client.authorizationHeader() {
                request.headers.add(name: "Authorization", value: authorization)
            }
        } catch {
            return .retryable(reason: "credentials: \(error)", retryAfter: nil)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let timeout = configuration.timeout.duration
        let clock = ContinuousClock()
        let started = clock.now
        defer {
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            counters.withLock { $0.lastSendDuration = seconds }
        }
        let outcome = await withTaskGroup(of: Outcome?.self) { [request] group in
            group.addTask { [httpClient] in await Self.exchange(request, httpClient: httpClient) }
            group.addTask {
                guard (try? await Task.sleep(for: timeout)) != nil else { return nil }
                return .retryable(reason: "timeout after \(timeout)", retryAfter: nil)
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        try Task.checkCancellation()
        return outcome ?? .retryable(reason: "cancelled", retryAfter: nil)
    }

    /// Sends the request and reads the answer, up to ``messageLimit`` bytes of its body.
    private static func exchange(_ request: HTTPClientRequest, httpClient: HTTPClient) async -> Outcome? {
        do {
            let response = try await httpClient.execute(request, timeout: .hours(1))
            var message: [UInt8] = []
            for try await chunk in response.body where message.count < messageLimit {
                message.append(contentsOf: chunk.readableBytesView.prefix(messageLimit - message.count))
            }
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let status = Int(response.status.code)
            switch status {
            case 200..<300:
                let written = response.headers.contains {
                    let name = $0.name.lowercased()
                    return name.hasPrefix("x-prometheus-remote-write-") && name.hasSuffix("-written")
                }
                return .accepted(written: written)
            case 429, 500..<600:
                return .retryable(
                    reason: "http_\(status)", retryAfter: retryAfter(response.headers.first(name: "Retry-After")))
            case 415:
                return .unsupportedMediaType(message: text)
            default:
                return .refused(status: status, message: text)
            }
        } catch {
            if Task.isCancelled { return nil }
            return .retryable(reason: "unreachable: \(error)", retryAfter: nil)
        }
    }

    /// A `Retry-After` value: seconds, or an HTTP date (the wait until it); `nil` when absent or unreadable.
    static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int64(date.timeIntervalSince(now) * 1000)))
    }
}
