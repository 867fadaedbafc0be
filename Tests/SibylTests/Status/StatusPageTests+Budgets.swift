import Foundation
import Sibyl
import Testing

extension StatusPageTests {
    /// The error-budget row of `name`.
    static func budgetRow(_ html: String, _ name: String) -> Substring? { row(html, name, table: "budget") }

    @Test("a budgeted objective's row: budget left of the worst group, its 1h and 6h burn rates, both ETAs")
    func budgets() throws {
        var budgeted = Self.objective("api-errors", .ok)
        budgeted.budget = try ErrorBudgetReportTests.report()
        let html = StatusPage(Self.snapshot(objectives: [budgeted, Self.objective("plain", .ok)])).render()
        #expect(Self.count("<table class=\"budgets\">", in: html) == 1)
        let row = try #require(Self.budgetRow(html, "api-errors"))
        #expect(row.contains("99 % over 30d"))
        // api, the worst of three groups: a quarter left, burning 1.5 over the last hour and 0.75 over 6 h.
        #expect(row.contains("<td class=\"num\">25 %<br><span class=\"muted\">{job=&quot;api&quot;}, worst of 3"))
        #expect(row.contains("<td class=\"num\">1.50</td><td class=\"num\">0.75</td>"))
        // A third of 30 days at the period's rate; 30 h by the rising trend.
        #expect(
            row.contains("<b class=\"eta\">1w3d</b> at the period's rate, <b class=\"eta\">1d6h</b> by the 6h trend"))
        #expect(Self.budgetRow(html, "plain") == nil)
    }

    @Test("an overspent budget shows negative in red; one without events says so; no budget, no table")
    func budgetEdges() throws {
        var report = try ErrorBudgetReportTests.report()
        report.groups = [report.groups[0]]
        report.groups[0].remaining = -1.25
        var overspent = Self.objective("overspent", .ok)
        overspent.budget = report
        report.groups = []
        var quiet = Self.objective("quiet", .ok)
        quiet.budget = report
        let html = StatusPage(Self.snapshot(objectives: [overspent, quiet])).render()
        let row = try #require(Self.budgetRow(html, "overspent"))
        #expect(row.contains("<span class=\"error\">−125 %</span>"))
        #expect(row.contains("<span class=\"error\">spent</span>"))
        #expect(!row.contains("worst of"))
        #expect(try #require(Self.budgetRow(html, "quiet")).contains("no events yet"))
        let none = StatusPage(Self.snapshot(objectives: [Self.objective("plain", .ok)])).render()
        #expect(!none.contains("budgets"))
    }
}
