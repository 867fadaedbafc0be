import SibylWire

/// Renders `GET /docs`: Sibyl's HTTP endpoints and every family of the catalog with its type, labels and help, and
/// whether `/metrics` shows it now, so that the status page's documentation link works without network.
package struct ReferencePage: Sendable {
    /// One family of the exposition.
    package struct Family: Sendable, Hashable {
        /// The metric name.
        package var name: String
        /// The type (`gauge`, `counter`, …).
        package var type: String
        /// The help text, unescaped.
        package var help: String
    }

    /// The HTTP endpoints, as method, path and what they do.
    package static let endpoints: [(method: String, path: String, meaning: String)] = [
        ("GET", "/", "the status page: source, last cycle, objectives with charts"),
        (
            "GET", "/metrics",
            "every derived series and Sibyl's own health, for Prometheus to scrape: text 0.0.4 by default, "
                + "OpenMetrics 1.0 or text 1.0.0 as the Accept header prefers, UTF-8 label names escaped "
                + "(service.name as service_name) unless it says escaping=allow-utf-8, gzip on Accept-Encoding"
        ),
        ("GET", "/-/healthy", "200 while the process runs"),
        ("GET", "/-/ready", "200 once a first cycle has succeeded, 503 before and while stale"),
        ("GET", "/docs", "this page"),
        ("GET", "/api/v1/objectives", "the objectives in force"),
        ("GET, PUT, DELETE", "/api/v1/objectives/{name}", "one objective (PUT and DELETE need the admin token)"),
        ("GET", "/api/v1/objectives/{name}/status", "an objective's latest judgement and error budget"),
        ("POST", "/api/v1/evaluate", "run a cycle now (admin token)"),
        ("GET", "/api/v1/series?match[]=…", "the archived derived series a selector picks"),
        ("GET", "/api/v1/results?match[]=…&from=&to=&kind=", "archived results by kind, as a range query's matrix"),
        ("GET", "/api/v1/evaluations?from=&to=", "the archived cycles: time, duration, status"),
        ("POST", "/api/v1/read", "Prometheus remote read over the archive (SAMPLES and STREAMED_XOR_CHUNKS)"),
    ]

    /// The families on the exposition now.
    package let families: [Family]
    /// Every family Sibyl can expose.
    package let catalog: [FamilyDescriptor]
    /// The exposition's path.
    package let telemetryPath: String

    /// Creates the page from the catalog and the exposition being served.
    /// - Parameters:
    ///   - exposition: the text exposition (`# HELP` and `# TYPE` lines are read, samples skipped).
    ///   - catalog: the families to list.
    package init(
        exposition: [UInt8], catalog: [FamilyDescriptor] = FamilyCatalog.all, telemetryPath: String = "/metrics"
    ) {
        self.families = Self.families(in: exposition)
        self.catalog = catalog.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.telemetryPath = telemetryPath
    }

    /// The families of a text exposition, by name.
    /// - Parameter exposition: the exposition's bytes.
    /// - Returns: each family named by a `# HELP` or `# TYPE` line, sorted by name.
    package static func families(in exposition: [UInt8]) -> [Family] {
        var byName: [String: Family] = [:]
        for line in exposition.split(separator: UInt8(ascii: "\n")) where line.starts(with: "# ".utf8) {
            let fields = line.dropFirst(2).split(
                separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let keyword = String(decoding: fields[0], as: UTF8.self)
            let name = String(decoding: fields[1], as: UTF8.self)
            let text = String(decoding: fields[2], as: UTF8.self)
            var family = byName[name] ?? Family(name: name, type: "untyped", help: "")
            switch keyword {
            case "HELP": family.help = unescape(text)
            case "TYPE": family.type = text
            default: continue
            }
            byName[name] = family
        }
        return byName.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// A help text without the exposition's escapes (`\\` and `\n`).
    static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                out.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The HTML document.
    /// - Returns: the page.
    package func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sibyl reference</title>
            <style>\(StatusPage.style)</style>
            </head>
            <body>
            <header><span class="brand">Sibyl</span><nav><a href="/">Status</a>\
            <a href="\(HTMLText.escape(telemetryPath))">Metrics</a></nav></header>
            <main>
            <h2>HTTP endpoints</h2>
            <table><tr><th>Method</th><th>Path</th><th>What</th></tr>

            """
        for endpoint in Self.endpoints {
            html += "<tr><td>\(endpoint.method)</td><td><code>\(HTMLText.escape(endpoint.path))</code></td>"
            html += "<td>\(HTMLText.escape(endpoint.meaning))</td></tr>\n"
        }
        html += "</table>\n<h2>Families</h2>\n"
        if families.isEmpty {
            html +=
                "<p>No cycle has run yet: the families appear on \(HTMLText.escape(telemetryPath)) after the first one.</p>\n"
        }
        let shown = Set(families.map(\.name))
        html +=
            "<table><tr><th>Name</th><th>Type</th><th>Labels</th><th>Meaning</th><th>Unit</th><th>Shown now</th></tr>\n"
        for family in catalog {
            let labels = (family.carriesSourceLabels ? ["…"] : []) + family.labels
            html += "<tr><td><code>\(HTMLText.escape(family.name))</code></td><td>\(family.type.rawValue)</td>"
            html +=
                "<td>\(HTMLText.escape(labels.joined(separator: ", ")))</td><td>\(HTMLText.escape(family.help))</td>"
            let unit = family.unit ?? (family.keepsSourceUnit ? "the source's" : "")
            html += "<td>\(HTMLText.escape(unit))</td><td>\(shown.contains(family.name) ? "yes" : "no")</td></tr>\n"
        }
        html += "</table>\n<p>… stands for the source series' labels, its metric name in <code>metric</code>; "
        html += "a unit of <em>the source's</em> means the values are in the source series' unit.</p>\n"
        html += "</main>\n</body>\n</html>\n"
        return html
    }
}
