extension StatusPage {
    /// The page's only style sheet, inline: system fonts, no external asset.
    static let style = """

        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 -apple-system,"Segoe UI","DejaVu Sans",Helvetica,Arial,sans-serif;\
        color:#212529;background:#fff}
        header{display:flex;align-items:center;gap:24px;background:#2b2f33;color:#fff;padding:10px 24px}
        header .brand{font-size:18px;font-weight:600;letter-spacing:.5px}
        nav a{color:#c8ccd0;text-decoration:none;margin-right:18px}
        nav a:hover{color:#fff}
        main{padding:8px 24px 16px;max-width:1400px}
        h2{font-size:17px;font-weight:600;margin:22px 0 8px;padding-bottom:4px;border-bottom:1px solid #dee2e6}
        table{border-collapse:collapse;font-size:13px}
        th,td{border:1px solid #dee2e6;padding:5px 9px;text-align:left;vertical-align:top}
        thead th{background:#f1f3f5;font-weight:600}
        table.kv th{background:#f8f9fa;font-weight:600;width:150px}
        table.objectives{width:100%}
        h3{font-size:15px;font-weight:600;margin:18px 0 6px}
        td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.name{font-weight:600;white-space:nowrap}
        code{font:12px "DejaVu Sans Mono",Menlo,Consolas,monospace;color:#343a40;word-break:break-all}
        .muted{color:#6c757d}
        .error{color:#b02a37}
        .badge{display:inline-block;padding:1px 7px;border-radius:3px;font-size:12px;font-weight:600;color:#fff;\
        background:#6c757d;white-space:nowrap}
        .badge.up,.badge.ok{background:#2f9e44}
        .badge.down,.badge.violated{background:#c92a2a}
        .badge.predicted{background:#e8590c}
        .badge.nodata{background:#868e96}
        .badge.anomalous{background:#c92a2a}
        header a.badge{text-decoration:none;font-size:13px}
        tr.anomaly td{background:#fff5f5}
        figure.chart[data-anomaly]{border-color:#c92a2a}
        tr.state-violated td{background:#fff5f5}
        tr.state-predicted td{background:#fff9db}
        .eta{color:#d9480f}
        .scroll{overflow-x:auto}
        .noforecast{font-style:italic}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(560px,100%),1fr));gap:12px}
        figure.chart{margin:0;border:1px solid #dee2e6;border-radius:3px;padding:6px 8px}
        figcaption{font-size:12px;margin-bottom:2px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        svg.spark{width:100%;height:auto;display:block}
        svg .plot{fill:#fcfcfd;stroke:#e9ecef}
        svg .values{fill:none;stroke:#1c7ed6;stroke-width:1.4}
        svg .band{fill:#74c0fc;fill-opacity:.35;stroke:none}
        svg .forecast{fill:none;stroke:#1864ab;stroke-width:1.2;stroke-dasharray:4 3}
        svg .bound{stroke:#c92a2a;stroke-width:1;stroke-dasharray:6 4}
        svg .now{stroke:#868e96;stroke-width:1}
        svg .outside{fill:#c92a2a}
        svg .point{fill:#1c7ed6}
        svg text{font:10px "DejaVu Sans",Helvetica,Arial,sans-serif;fill:#6c757d}
        svg .bound-label{fill:#c92a2a}
        svg .scale{text-anchor:end}
        svg .middle{text-anchor:middle}
        svg .note{font-style:italic}
        svg .end{text-anchor:end}
        svg .empty{text-anchor:middle;font-size:12px}
        .legend .key{display:inline-block;width:18px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
        .legend .key:first-child{margin-left:0}
        .key.line{border-top:2px solid #1c7ed6;height:0}
        .key.band{background:#74c0fc;opacity:.6}
        .key.bound{border-top:2px dashed #c92a2a;height:0}
        .key.outside{width:7px;height:7px;border-radius:50%;background:#c92a2a}
        .more{color:#495057;font-style:italic}
        footer{padding:12px 24px;color:#6c757d;font-size:12px;border-top:1px solid #dee2e6}
        footer a{color:#495057;margin-left:10px}
        @media (max-width:640px){header,main,footer{padding-left:10px;padding-right:10px}}

        """
}
