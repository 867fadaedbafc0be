import SibylWire
import Testing

struct ExpositionFormatTests {
    /// Prometheus 3's default `Accept` (scrape.acceptHeader over config.DefaultScrapeProtocols).
    static let prometheus3 =
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
        + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
        + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"
    /// Prometheus 2.42's.
    static let prometheus2 =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    @Test(
        "negotiates the format from the Accept header",
        arguments: [
            (
                prometheus3 as String?,
                "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8"
            ),
            (prometheus2, "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores"),
            (nil, "text/plain; version=0.0.4; charset=utf-8"),
            ("*/*", "text/plain; version=0.0.4; charset=utf-8"),
            ("text/*;q=0.9, application/json", "text/plain; version=0.0.4; charset=utf-8"),
            ("application/json", "text/plain; version=0.0.4; charset=utf-8"),
            ("", "text/plain; version=0.0.4; charset=utf-8"),
            ("garbage;;;,/,=", "text/plain; version=0.0.4; charset=utf-8"),
            (
                "text/plain;version=1.0.0;escaping=allow-utf-8",
                "text/plain; version=1.0.0; charset=utf-8; escaping=allow-utf-8"
            ),
            ("text/plain; version=1.0.0", "text/plain; version=1.0.0; charset=utf-8; escaping=underscores"),
            // Escaping belongs to 1.0.0: 0.0.4 never quotes names.
            ("text/plain;version=0.0.4;escaping=allow-utf-8", "text/plain; version=0.0.4; charset=utf-8"),
            ("application/openmetrics-text", "application/openmetrics-text; version=0.0.1; charset=utf-8"),
            ("application/openmetrics-text;version=2.0.0, text/plain", "text/plain; version=0.0.4; charset=utf-8"),
            // The highest q wins, whatever the order; q=0 is refused.
            (
                "text/plain;q=0.5, Application/OpenMetrics-Text; Version=\"1.0.0\"; q=0.9",
                "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores"
            ),
            ("application/openmetrics-text;version=1.0.0;q=0, */*", "text/plain; version=0.0.4; charset=utf-8"),
            ("application/openmetrics-text;version=1.0.0;q=abc", "text/plain; version=0.0.4; charset=utf-8"),
        ] as [(String?, String)])
    func negotiates(_ accept: String?, _ contentType: String) {
        #expect(ExpositionFormat.negotiate(accept: accept).contentType == contentType)
    }

    @Test("the default is the text format 0.0.4 with escaped names, as before negotiation")
    func defaultIsText() {
        #expect(ExpositionFormat.text.contentType == ExpositionWriter.contentType)
        #expect(ExpositionFormat.negotiate(accept: nil) == .text)
        #expect(ExpositionFormat.negotiate(accept: Self.prometheus3).escaping == .allowUTF8)
        #expect(ExpositionFormat.negotiate(accept: Self.prometheus3).syntax == .openMetrics)
    }

    @Test(
        "answers gzip when Accept-Encoding allows it",
        arguments: [
            ("gzip" as String?, true), ("gzip, deflate, br", true), ("deflate, GZIP;q=0.5", true), ("x-gzip", true),
            ("*", true), ("identity", false), ("gzip;q=0", false), ("*, gzip;q=0", false), ("br", false),
            (nil, false), ("", false),
        ] as [(String?, Bool)])
    func acceptsGzip(_ header: String?, _ gzip: Bool) {
        #expect(ExpositionFormat.acceptsGzip(header) == gzip)
    }
}
