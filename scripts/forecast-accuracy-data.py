#!/usr/bin/env python3
"""Writes Tests/Fixtures/forecast-accuracy/series.json.gz, the data of `sibyl bench --forecasts`.

Real series only: statsmodels' bundled datasets (public data shipped in the statsmodels wheel) and the
repository's 48 minutes of real node-exporter samples (Tests/Fixtures/real-node-exporter). Each series has its
natural season (the seasonal naive benchmark's; null for none) and the horizon it is forecast at.

    pip install statsmodels pandas   # 0.15 / 3.1 were used
    python3 scripts/forecast-accuracy-data.py
"""
import gzip
import json
import math
import pathlib
import re

import statsmodels.api as sm

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/Fixtures/forecast-accuracy/series.json.gz"
NODE = ROOT / "Tests/Fixtures/real-node-exporter/first-48min.om.gz"


def dataset(name, values, season, horizon, step):
    values = [float(v) for v in values]
    assert all(math.isfinite(v) for v in values), name
    return {"name": name, "source": "statsmodels", "step": step, "season": season, "horizon": horizon,
            "values": values}


def statsmodels_series():
    out = []
    co2 = sm.datasets.co2.load_pandas().data["co2"].interpolate()
    out.append(dataset("co2", co2.values, 52, 52, "1w"))
    elnino = sm.datasets.elnino.load_pandas().data.drop(columns="YEAR")
    out.append(dataset("elnino", elnino.values.reshape(-1), 12, 12, "1mo"))
    sunspots = sm.datasets.sunspots.load_pandas().data["SUNACTIVITY"]
    out.append(dataset("sunspots", sunspots.values, 11, 11, "1y"))
    nile = sm.datasets.nile.load_pandas().data["volume"]
    out.append(dataset("nile", nile.values, None, 10, "1y"))
    macro = sm.datasets.macrodata.load_pandas().data
    for column in ["realgdp", "realcons", "realinv", "realgovt", "realdpi", "cpi", "m1", "tbilrate", "unemp",
                   "pop", "infl", "realint"]:
        out.append(dataset("macrodata_" + column, macro[column].values, 4, 8, "3mo"))
    rates = sm.datasets.interest_inflation.load_pandas().data
    for column in ["Dp", "R"]:
        out.append(dataset("interest_inflation_" + column, rates[column].values, 4, 8, "3mo"))
    danish = sm.datasets.danish_data.load_pandas().data
    for column in ["lrm", "lry", "lpy", "ibo", "ide"]:
        out.append(dataset("danish_" + column, danish[column].values, 4, 8, "3mo"))
    return out


LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+) (\d+(?:\.\d+)?)$')


def node_series():
    """Each node-exporter series on its 5 s grid; counters (`_total`) as their increase per step."""
    series = {}
    with gzip.open(NODE, "rt") as handle:
        for line in handle:
            match = LINE.match(line.strip())
            if not match:
                continue
            name, labels, value, timestamp = match.groups()
            series.setdefault(name + (labels or ""), []).append((float(timestamp), float(value)))
    out = []
    for key in sorted(series):
        samples = sorted(series[key])
        values = [v for _, v in samples]
        if key.split("{")[0].endswith("_total"):
            values = [max(0.0, b - a) for a, b in zip(values, values[1:])]
        if len(values) < 400 or max(values) == min(values):
            continue
        out.append({"name": key, "source": "node-exporter", "step": "5s", "season": None, "horizon": 120,
                    "values": values})
    return out


def main():
    series = statsmodels_series() + node_series()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as handle:
        handle.write(json.dumps({"series": series}, separators=(",", ":")).encode())
    print(f"{OUT}: {len(series)} series")


if __name__ == "__main__":
    main()
