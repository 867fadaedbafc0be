import SibylWire

/// Sibyl's own health, beside the derived series like an exporter's self-monitoring; never archived.
public enum SelfMonitoringFamilies {
    public static let buildInfo = FamilyDescriptor(
        selfMonitoring: "sibyl_build_info", .gauge, labels: ["version"], help: "Sibyl's version; always 1.")
    public static let shardInfo = FamilyDescriptor(
        selfMonitoring: "sibyl_shard_info", .gauge, labels: ["index", "count"],
        help: "The share of the source series this Sibyl analyses: shard index of count (0 of 1 unsharded); always 1.")
    public static let evaluationDuration = FamilyDescriptor(
        selfMonitoring: "sibyl_evaluation_duration_seconds", .gauge, unit: "seconds",
        help: "Wall time of the last evaluation cycle.")
    public static let evaluations = FamilyDescriptor(
        selfMonitoring: "sibyl_evaluations_total", .counter, help: "Evaluation cycles run, successful or not.")
    public static let evaluationFailures = FamilyDescriptor(
        selfMonitoring: "sibyl_evaluation_failures_total", .counter, labels: ["reason"],
        help: "Evaluation cycles that failed, by reason.")
    public static let series = FamilyDescriptor(
        selfMonitoring: "sibyl_series", .gauge, help: "Source series held in memory.")
    public static let seriesStoreBytes = FamilyDescriptor(
        selfMonitoring: "sibyl_series_store_bytes", .gauge, unit: "bytes",
        help: "Memory of the series store: XOR chunk bytes, chunk summaries and per-series indexes (labels excluded).")
    public static let seriesStoreSamples = FamilyDescriptor(
        selfMonitoring: "sibyl_series_store_samples", .gauge,
        help: "Samples held in the series store's chunks (whole chunks: a chunk stays until its newest sample leaves).")
    public static let seriesDropped = FamilyDescriptor(
        selfMonitoring: "sibyl_series_dropped_total", .counter, labels: ["reason"],
        help: "Source series dropped or left out of a read, by reason (limits, staleness, selection, labels).")
    public static let sourceSamplesRead = FamilyDescriptor(
        selfMonitoring: "sibyl_source_samples_read_total", .counter, help: "Samples read from the remote-read source.")
    public static let sourceBytesRead = FamilyDescriptor(
        selfMonitoring: "sibyl_source_bytes_read_total", .counter, unit: "bytes",
        help: "Response bytes read from the remote-read source.")
    public static let sourceUp = FamilyDescriptor(
        selfMonitoring: "sibyl_source_up", .gauge, help: "1 when the last read from the source succeeded, else 0.")
    public static let lastEvaluation = FamilyDescriptor(
        selfMonitoring: "sibyl_last_evaluation_timestamp_seconds", .gauge, unit: "seconds",
        help: "Evaluation time T of the results served, in Unix seconds.")

    public static let analysisRuns = FamilyDescriptor(
        selfMonitoring: "sibyl_analysis_runs_total", .counter, labels: ["analysis"],
        help: "Completed runs of the metadata and forecast analyses.")
    public static let analysisDuration = FamilyDescriptor(
        selfMonitoring: "sibyl_analysis_duration_seconds", .gauge, unit: "seconds", labels: ["analysis"],
        help: "Wall time of the analysis' last run.")
    public static let analysisSeries = FamilyDescriptor(
        selfMonitoring: "sibyl_analysis_series", .gauge, labels: ["analysis"],
        help: "Series with a result in the analysis' last run.")
    public static let analysisLastTimestamp = FamilyDescriptor(
        selfMonitoring: "sibyl_analysis_last_timestamp_seconds", .gauge, unit: "seconds", labels: ["analysis"],
        help: "Evaluation time T the analysis' last run looked at, in Unix seconds.")
    public static let analysisSkipped = FamilyDescriptor(
        selfMonitoring: "sibyl_analysis_skipped_total", .counter, labels: ["analysis", "reason"],
        help: "Series for which an analysis was skipped, by analysis and reason, counted per run.")

    public static let archiveCycles = FamilyDescriptor(
        selfMonitoring: "sibyl_archive_cycles_total", .counter, help: "Cycles committed to the archive.")
    public static let archiveDropped = FamilyDescriptor(
        selfMonitoring: "sibyl_archive_dropped_total", .counter,
        help: "Cycles dropped before being archived because the archive's queue was full (the oldest waiting goes).")
    public static let archiveErrors = FamilyDescriptor(
        selfMonitoring: "sibyl_archive_errors_total", .counter, labels: ["reason"],
        help: "Failed archive writes and retention passes, by reason (disk_full, read_only, busy, io_error, …); "
            + "every reason is 0 until it occurs.")
    public static let archiveWriteDuration = FamilyDescriptor(
        selfMonitoring: "sibyl_archive_write_duration_seconds", .gauge, unit: "seconds",
        help: "Wall time of the last committed archive write.")
    public static let archiveSize = FamilyDescriptor(
        selfMonitoring: "sibyl_archive_size_bytes", .gauge, unit: "bytes",
        help: "Bytes of the archive's SQLite file and its write-ahead log.")

    /// Every self-monitoring family.
    public static let all = [
        buildInfo, shardInfo, evaluationDuration, evaluations, evaluationFailures, series, seriesStoreBytes,
        seriesStoreSamples, seriesDropped, sourceSamplesRead,
        sourceBytesRead, sourceUp, lastEvaluation, analysisRuns, analysisDuration, analysisSeries,
        analysisLastTimestamp, analysisSkipped, archiveCycles, archiveDropped, archiveErrors, archiveWriteDuration,
        archiveSize, remoteWriteSamples, remoteWriteFailedSamples, remoteWriteRetriedSamples, remoteWriteDroppedSamples,
        remoteWritePendingCycles, remoteWriteHighestSentTimestamp, remoteWriteSendDuration, backfillCycles,
    ]
}
