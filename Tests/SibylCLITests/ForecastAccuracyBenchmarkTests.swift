import Foundation
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import SibylCLI

struct ForecastAccuracyBenchmarkTests {
    /// The shipped data file.
    static var shipped: URL {
        Fixtures.repository.appendingPathComponent("Tests/Fixtures/forecast-accuracy/series.json.gz")
    }

    /// Writes `series` as a data file and returns its path.
    static func write(_ series: [ForecastAccuracyBenchmark.Series], in directory: TemporaryDirectory) throws -> String {
        let json = try JSONEncoder().encode(ForecastAccuracyBenchmark.DataFile(series: series))
        let file = directory.file("series.json.gz")
        try Data(try #require(Gzip.compress([UInt8](json)))).write(to: file)
        return file.path
    }

    @Test("the shipped data holds the statsmodels datasets and the node-exporter series, each with a horizon")
    func shippedData() throws {
        let compressed = try Data(contentsOf: Self.shipped)
        let bytes = try #require(Gzip.decompress([UInt8](compressed), limit: 64 << 20))
        let data = try JSONDecoder().decode(ForecastAccuracyBenchmark.DataFile.self, from: Data(bytes))
        #expect(data.series.filter { $0.source == "statsmodels" }.count == 23)
        #expect(data.series.filter { $0.source == "node-exporter" }.count == 29)
        let co2 = try #require(data.series.first { $0.name == "co2" })
        #expect(co2.season == 52 && co2.values.count == 2284)
        #expect(data.series.allSatisfy { $0.horizon >= 1 && 2 * $0.horizon <= $0.values.count })
    }

    @Test("each series is scored at its origins against the fixed Holt-Winters and the seasonal naive forecast")
    func scores() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A 12-step cycle on a rise: Sibyl finds the season and beats both benchmarks; and a 6-step pattern with a
        // little deterministic noise.
        let cycle: [Double] = (0..<240).map { (index: Int) -> Double in
            let time = Double(index)
            return 10 + 3 * sin(time * 2 * .pi / 12) + time / 20
        }
        let pattern: [Double] = [4, 1, 7, 3, 9, 2]
        let repeated: [Double] = (0..<240).map { pattern[$0 % 6] + 0.1 * sin(Double($0) * 1.7) }
        let file = try Self.write(
            [
                .init(name: "cycle", source: "test", step: "1m", season: 12, horizon: 12, values: cycle),
                .init(name: "repeated", source: "test", step: "1m", season: 6, horizon: 6, values: repeated),
            ], in: directory)
        let report = try ForecastAccuracyBenchmark(file: file).run()
        #expect(report.rows.map { (row: ForecastAccuracyBenchmark.Row) in row.name } == ["cycle", "repeated"])
        let first = report.rows[0]
        #expect(first.origins == 3 && first.compared == 36 && first.season == 12)
        #expect(first.sibylMASE < first.seasonalNaiveMASE && first.sibylMASE < first.holtWintersMASE)
        let second = report.rows[1]
        #expect(second.season == 6 && second.compared == 18, "\(second)")
        #expect(
            [second.sibylMASE, second.holtWintersMASE, second.seasonalNaiveMASE].allSatisfy { $0 > 0 && $0.isFinite })
        #expect(report.coverage > 0 && report.coverage <= 1)
        let table = ForecastAccuracyBenchmark.render(report, json: false)
        #expect(table.contains("2 series: Sibyl's MASE ≤ fixed Holt-Winters (season 5) on"))
    }

    @Test("a file without series, or not gzip, is an error naming the file")
    func badFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let empty = try Self.write([], in: directory)
        #expect(throws: BenchmarkError("\(empty): no series")) { try ForecastAccuracyBenchmark(file: empty).run() }
        let plain = directory.file("plain.json")
        try Data("{}".utf8).write(to: plain)
        #expect(throws: BenchmarkError("\(plain.path): not a gzip file")) {
            try ForecastAccuracyBenchmark(file: plain.path).run()
        }
    }
}
