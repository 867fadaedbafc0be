import Sibyl
import SibylWire
import Testing

struct ExpositionPublisherTests {
    static func families(_ value: Double) throws -> [MetricFamily] {
        var family = try MetricFamily(name: "sibyl_window_max", kind: .gauge, help: "Max.")
        family.append(try RenderedLabels([("service.name", "api"), ("metric", "m")]), value)
        var counter = try MetricFamily(name: "sibyl_evaluations_total", kind: .counter, help: "Cycles.")
        counter.append(.empty, 3)
        return [family, counter]
    }

    @Test("serves each format and its gzip from the families of the last publish, rendered once per publish")
    func servesVariants() throws {
        let publisher = ExpositionPublisher()
        let families = try Self.families(1)
        publisher.publish(families, succeeded: true)
        #expect(publisher.body == (try ExpositionWriter().render(families)))
        #expect(publisher.renders == 1)
        for format in [
            ExpositionFormat.text, .openMetrics, ExpositionFormat(.openMetrics, version: "1.0.0", escaping: .allowUTF8),
            ExpositionFormat(.text, version: "1.0.0", escaping: .allowUTF8),
        ] {
            let expected = try ExpositionWriter(format: format).render(families)
            let plain = publisher.body(for: format, gzip: false)
            #expect(plain.bytes == expected && !plain.gzipped, "\(format)")
            let zipped = publisher.body(for: format, gzip: true)
            #expect(zipped.gzipped)
            #expect(Gzip.decompress(zipped.bytes, limit: 1 << 20) == expected, "\(format)")
            // The second request is served from the cache: the same bytes.
            #expect(publisher.body(for: format, gzip: true).bytes == zipped.bytes)
        }
        // One publish, three more formats, four gzips: every later request is served from the cache.
        #expect(publisher.renders == 1 + 3 + 4)
        for _ in 0..<20 {
            _ = publisher.body(for: .openMetrics, gzip: true)
            _ = publisher.body(for: .text, gzip: false)
        }
        #expect(publisher.renders == 8)
        let openMetrics = String(decoding: publisher.body(for: .openMetrics, gzip: false).bytes, as: UTF8.self)
        #expect(openMetrics.contains(#"sibyl_window_max{metric="m",service_name="api"} 1"#))

        // A new publish replaces every variant.
        let next = try Self.families(2)
        publisher.publish(next, succeeded: true)
        let utf8 = ExpositionFormat(.openMetrics, version: "1.0.0", escaping: .allowUTF8)
        let zipped = publisher.body(for: utf8, gzip: true)
        #expect(Gzip.decompress(zipped.bytes, limit: 1 << 20) == (try ExpositionWriter(format: utf8).render(next)))
        #expect(String(decoding: publisher.body, as: UTF8.self).contains(#"service_name="api"} 2"#))
    }
}
