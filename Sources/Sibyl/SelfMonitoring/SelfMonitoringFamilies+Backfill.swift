import SibylWire

extension SelfMonitoringFamilies {
    public static let backfillCycles = FamilyDescriptor(
        selfMonitoring: "sibyl_backfill_cycles", .gauge, labels: ["state"],
        help: "Past cycles of the backfill (backfill.range) by state: done (computed and archived), pending (still to "
            + "compute), failed (given up after repeated errors; retried at the next start).")
}
