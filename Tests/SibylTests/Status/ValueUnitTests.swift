import Sibyl
import SibylWire
import Testing

/// Values in the unit people read: bytes in powers of 1024, seconds as durations, ratios as percentages, from the
/// metric name's unit suffix or the family catalog.
struct ValueUnitTests {
    @Test(
        "formatting to three significant digits in the unit",
        arguments: [
            (ValueUnit.bytes, 2_770_000_000, "2.58 GiB"), (.bytes, 67_108_864, "64 MiB"), (.bytes, 512, "512 B"),
            (.bytes, 1536, "1.5 KiB"), (.bytes, 0, "0 B"), (.seconds, 5400, "1h 30m"), (.seconds, 280, "4m 40s"),
            (.seconds, 0.25, "250 ms"), (.seconds, 12.5, "12.5 s"), (.seconds, 93_600, "1d 2h"),
            (.seconds, 0.000_5, "500 µs"), (.ratio, 0.973, "97.3 %"), (.ratio, 1, "100 %"),
            (.bytesPerSecond, 1_572_864, "1.5 MiB/s"), (.perSecond, 12.5, "12.5/s"), (.plain, 2_770_000_000, "2.77G"),
            (.plain, 1234, "1234"), (.plain, 1.5, "1.5"), (.plain, -1.6, "−1.6"), (.plain, 0.000_012_3, "1.23e-05"),
            (.plain, .nan, "NaN"), (.bytes, .infinity, "+Inf"),
        ] as [(ValueUnit, Double, String)])
    func format(unit: ValueUnit, value: Double, expected: String) {
        #expect(unit.format(value) == expected)
    }

    @Test("more digits on request, to tell two close values apart")
    func digits() {
        #expect(ValueUnit.bytes.format(2_770_000_000, digits: 5) == "2.5798 GiB")
        #expect(ValueUnit.ratio.digitsTellingApart([0.97, 0.9701]) == 4)
        #expect(ValueUnit.ratio.format(0.9701, digits: 4) == "97.01 %")
        #expect(ValueUnit.bytes.digitsTellingApart([0, 4_294_967_296]) == 3)
        #expect(ValueUnit.plain.digitsTellingApart([5, 5]) == 3, "equal values need no more digits")
    }

    @Test(
        "the unit of a metric name, its rate's when rated",
        arguments: [
            ("node_memory_MemFree_bytes", false, ValueUnit.bytes),
            ("node_network_receive_bytes_total", true, .bytesPerSecond),
            ("http_request_duration_seconds", false, .seconds), ("node_cpu_seconds_total", true, .ratio),
            ("cache_hit_ratio", false, .ratio), ("node_load1", false, .plain), ("requests_total", true, .perSecond),
            ("requests_total", false, .plain),
        ] as [(String, Bool, ValueUnit)])
    func metricName(name: String, isRate: Bool, expected: ValueUnit) {
        #expect(ValueUnit(metricName: name, isRate: isRate) == expected)
    }

    @Test("Sibyl's own families: the catalog's unit, or the source's for the families that keep it")
    func catalog() throws {
        let ratio = try SeriesSelector(parsing: "sibyl_slo_compliance_ratio")
        #expect(ValueUnit(selector: ratio, isRate: false) == .ratio)
        let average = try SeriesSelector(parsing: #"sibyl_window_avg{metric="node_memory_MemFree_bytes"}"#)
        #expect(ValueUnit(selector: average, isRate: false) == .bytes)
        let samples = try SeriesSelector(parsing: #"sibyl_window_samples{metric="node_memory_MemFree_bytes"}"#)
        #expect(ValueUnit(selector: samples, isRate: false) == .plain)
    }
}
