package import SibylWire

/// The whole configuration of one Sibyl, as read from its YAML file (one section per property).
///
/// Load it with ``load(contentsOf:)`` or ``init(yaml:file:)``, which report every mistake with its line and column;
/// the memberwise defaults match the file's.
public struct SibylConfiguration: Sendable, Hashable {
    /// Where series are read from (`source`).
    package var source: SourceConfiguration
    /// Cycle interval, sampling step and windows (`evaluation`).
    package var evaluation: EvaluationConfiguration
    /// The PromQL series selectors; every series any of them matches is analysed (`selectors`).
    package var selectors: [SeriesSelector]
    /// How the time-series metadata is computed (`analysis`).
    package var analysis: AnalysisConfiguration
    /// Which series get a forecast, and its shape (`forecast`).
    package var forecast: ForecastConfiguration
    /// Bounds on what is held (`limits`).
    package var limits: LimitsConfiguration
    /// Listen address, telemetry path and admin token file (`web`).
    package var web: WebConfiguration
    /// The objectives the file declares (`objectives`); the file is authoritative for them.
    package var objectives: [ObjectiveConfiguration]
    /// The SQLite file holding the run-time objectives (`archive`).
    package var archive: ArchiveConfiguration
    /// The endpoints every archived cycle is sent to (`remote_write`, default none).
    package var remoteWrite: [RemoteWriteConfiguration] = []
    /// Which share of the source series this Sibyl analyses (`sharding`).
    package var sharding: ShardingConfiguration
    /// How much derived history is computed at start (`backfill`, default none).
    package var backfill = BackfillConfiguration()
    /// How the error budgets are exposed besides `sibyl_slo_*` (`slo`, default Sibyl's families only).
    package var slo = SLOConfiguration()

    /// Creates a configuration.
    /// - Parameters:
    ///   - source: the remote-read source.
    ///   - evaluation: the evaluation settings.
    ///   - selectors: the series selectors (the file requires at least one).
    ///   - analysis: the metadata settings.
    ///   - forecast: the forecast settings.
    ///   - web: the web settings.
    ///   - objectives: the declared objectives.
    ///   - archive: the archive settings.
    ///   - sharding: the shard settings.
    package init(
        source: SourceConfiguration = SourceConfiguration(),
        evaluation: EvaluationConfiguration = EvaluationConfiguration(),
        selectors: [SeriesSelector] = [],
        analysis: AnalysisConfiguration = AnalysisConfiguration(),
        forecast: ForecastConfiguration = ForecastConfiguration(),
        limits: LimitsConfiguration = LimitsConfiguration(),
        web: WebConfiguration = WebConfiguration(),
        objectives: [ObjectiveConfiguration] = [],
        archive: ArchiveConfiguration = ArchiveConfiguration(),
        sharding: ShardingConfiguration = ShardingConfiguration()
    ) {
        self.source = source
        self.evaluation = evaluation
        self.selectors = selectors
        self.analysis = analysis
        self.forecast = forecast
        self.limits = limits
        self.web = web
        self.objectives = objectives
        self.archive = archive
        self.sharding = sharding
    }
}
