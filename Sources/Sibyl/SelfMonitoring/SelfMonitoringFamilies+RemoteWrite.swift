import SibylWire

extension SelfMonitoringFamilies {
    public static let remoteWriteSamples = FamilyDescriptor(
        selfMonitoring: "sibyl_remote_write_samples_total", .counter, labels: ["endpoint"],
        help: "Samples the remote-write endpoint acknowledged.")
    public static let remoteWriteFailedSamples = FamilyDescriptor(
        selfMonitoring: "sibyl_remote_write_failed_samples_total", .counter, labels: ["endpoint"],
        help: "Samples the remote-write endpoint refused with an error that is not retried (a 4xx other than 429).")
    public static let remoteWriteRetriedSamples = FamilyDescriptor(
        selfMonitoring: "sibyl_remote_write_retried_samples_total", .counter, labels: ["endpoint"],
        help: "Samples sent again after a 5xx, a 429, a timeout or a network error.")
    public static let remoteWriteDroppedSamples = FamilyDescriptor(
        selfMonitoring: "sibyl_remote_write_dropped_samples_total", .counter, labels: ["endpoint", "reason"],
        help: "Samples that will never reach the remote-write endpoint, by reason: backlog (older than "
            + "queue.max_backlog), too_old (refused as too old), rejected (refused otherwise).")
    public static let remoteWritePendingCycles = FamilyDescriptor(
        selfMonitoring: "sibyl_remote_write_pending_cycles", .gauge, labels: ["endpoint"],
        help: "Archived cycles newer than the remote-write endpoint's cursor, not yet sent.")
    public static let remoteWriteHighestSentTimestamp = FamilyDescriptor(
        selfMonitoring: "sibyl_remote_write_highest_sent_timestamp_seconds", .gauge, unit: "seconds",
        labels: ["endpoint"], help: "Newest sample time the remote-write endpoint acknowledged, in Unix seconds.")
    public static let remoteWriteSendDuration = FamilyDescriptor(
        selfMonitoring: "sibyl_remote_write_send_duration_seconds", .gauge, unit: "seconds", labels: ["endpoint"],
        help: "Wall time of the last remote-write request, retries excluded.")
}
