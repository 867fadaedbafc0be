import SibylTestSupport
import Testing

struct OpenMetricsHistoryTests {
    @Test("writes one TYPE per family, escaped labels, exact values and millisecond timestamps, then # EOF")
    func text() {
        let history = OpenMetricsHistory(series: [
            OpenMetricsHistory.Series(
                name: "b_metric", labels: [("k", "q\"\\\n")], samples: [(1_700_000_000_005, 0.1)]),
            OpenMetricsHistory.Series(name: "a_metric", labels: [], samples: [(-1500, .nan), (2000, -.infinity)]),
            OpenMetricsHistory.Series(name: "b_metric", labels: [("k", "2")], samples: [(3000, 1e-300)]),
        ])
        #expect(
            history.text() == """
                # TYPE a_metric gauge
                a_metric NaN -1.500
                a_metric -Inf 2.000
                # TYPE b_metric gauge
                b_metric{k="q\\"\\\\\\n"} 0.1 1700000000.005
                b_metric{k="2"} 1e-300 3.000
                # EOF

                """)
    }
}
