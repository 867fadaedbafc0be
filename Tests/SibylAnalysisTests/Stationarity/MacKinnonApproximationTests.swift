import Foundation
import SibylAnalysis
import SibylTestSupport
import Testing

struct MacKinnonApproximationTests {
    /// `examples` of `oracle/mackinnon.json`: `[statistic, p]` and `[nobs, 1%, 5%, 10%]` per regression.
    struct Examples: Decodable {
        struct Values<Row: Decodable>: Decodable { var values: [String: [Row]] }
        var pvalue: Values<[OracleNumber]>
        var criticalValues: Values<[OracleNumber]>

        enum CodingKeys: String, CodingKey {
            case pvalue
            case criticalValues = "critical_values"
        }
    }

    struct File: Decodable { var examples: Examples }

    static func examples() throws -> Examples {
        try JSONDecoder().decode(File.self, from: Fixtures.data("oracle/mackinnon.json")).examples
    }

    @Test("p-values match statsmodels mackinnonp", arguments: AugmentedDickeyFuller.Regression.allCases)
    func pValues(regression: AugmentedDickeyFuller.Regression) throws {
        let rows = try #require(Self.examples().pvalue.values[regression.rawValue])
        #expect(!rows.isEmpty)
        for row in rows {
            let got = MacKinnonApproximation.pValue(statistic: row[0].value, regression: regression)
            expectClose(got, row[1].value, rtol: 1e-9, atol: 1e-15, "\(regression) τ = \(row[0].value)")
        }
    }

    @Test("critical values match statsmodels mackinnoncrit", arguments: AugmentedDickeyFuller.Regression.allCases)
    func criticalValues(regression: AugmentedDickeyFuller.Regression) throws {
        let rows = try #require(Self.examples().criticalValues.values[regression.rawValue])
        for row in rows {
            let got = MacKinnonApproximation.criticalValues(observationCount: Int(row[0].value), regression: regression)
            expectClose(got.onePercent, row[1].value, rtol: 1e-12, "\(regression) nobs \(row[0].value) 1%")
            expectClose(got.fivePercent, row[2].value, rtol: 1e-12, "\(regression) 5%")
            expectClose(got.tenPercent, row[3].value, rtol: 1e-12, "\(regression) 10%")
        }
    }
}
