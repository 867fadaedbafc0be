#!/usr/bin/env python3
"""Writes the statsmodels vectors of the forecast-model candidates to Tests/Fixtures/oracle-models/.

For every public oracle case (Tests/Fixtures/oracle/cases/*.json.gz; the series the Holt-Winters oracle fits, i.e.
the resampled values for irregular input) and three synthetic large-season series, fits with statsmodels
`ExponentialSmoothing(...).fit()`:

  simple_exponential_smoothing  trend=None, seasonal=None                       (initialization "estimated")
  damped_trend                  trend="add", damped_trend=True                  ("estimated")
  damped_holt_winters           trend="add", damped_trend=True, seasonal="add"  ("estimated"; "heuristic" for m > 48)
  holt_winters                  trend="add", seasonal="add"                     (large seasons only, "heuristic")

and records the parameters, the SSE and the 20-step forecast. Usage: python3 scripts/oracle-models.py
"""
import gzip
import json
import pathlib
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
from statsmodels.tsa.holtwinters import ExponentialSmoothing

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "Tests/Fixtures/oracle/cases"
OUT = ROOT / "Tests/Fixtures/oracle-models"
STEPS = 20
LARGE_SEASON = 48  # above this, Sibyl fixes the initial states by statsmodels' heuristic


def number(value):
    value = float(value)
    return value if np.isfinite(value) else None


def fit(y, model, season, initialization):
    kwargs = {"initialization_method": initialization}
    if model in ("damped_trend", "damped_holt_winters", "holt_winters"):
        kwargs["trend"] = "add"
        kwargs["damped_trend"] = model != "holt_winters"
    if model in ("damped_holt_winters", "holt_winters"):
        kwargs["seasonal"] = "add"
        kwargs["seasonal_periods"] = season
    entry = {"model": model, "season": season, "initialization": initialization}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = ExponentialSmoothing(np.asarray(y, dtype=float), **kwargs).fit()
        p = result.params
        params = {"alpha": number(p["smoothing_level"]), "initial_level": number(p["initial_level"])}
        if "trend" in kwargs:
            params["beta"] = number(p["smoothing_trend"])
            params["initial_trend"] = number(p["initial_trend"])
            if kwargs["damped_trend"]:
                params["phi"] = number(p["damping_trend"])
        if "seasonal" in kwargs:
            params["gamma"] = number(p["smoothing_seasonal"])
            params["initial_seasons"] = [number(v) for v in p["initial_seasons"]]
        entry.update(params=params, sse=number(result.sse),
                     forecast=[number(v) for v in result.forecast(STEPS)])
        if caught:
            entry["warnings"] = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    except Exception as error:  # recorded, as the main oracle does
        entry["error"] = {"type": type(error).__name__, "message": str(error)}
    return entry


def oracle_series():
    for path in sorted(CASES.glob("*.json.gz")):
        case = json.loads(gzip.decompress(path.read_bytes()))
        if case["analysis_series"] == "resampled":
            values = case["resampled"]["values"]
        else:
            values = case["input"]["values"]
        yield case["id"], {"oracle_case": case["id"]}, values


def synthetic_series():
    rng = np.random.default_rng(20261207)
    t = np.arange(8640, dtype=float)
    yield ("large_sine_p720_8640", None,
           100 + 0.001 * t + 10 * np.sin(2 * np.pi * t / 720) + rng.normal(0, 1, t.size), 720)
    yield ("large_saw_p2000_8640", None,
           5e6 + 2e5 * ((t % 2000) / 2000) + rng.normal(0, 2e4, t.size).cumsum() * 0.05, 2000)
    u = np.arange(2160, dtype=float)
    yield ("large_square_p60_2160", None,
           50 + 5 * np.sign(np.sin(2 * np.pi * (u + 0.5) / 60)) + rng.standard_t(3, u.size), 60)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    versions = {"python": sys.version.split()[0], "statsmodels": statsmodels.__version__,
                "pandas": pd.__version__, "numpy": np.__version__, "scipy": scipy.__version__}
    index = []
    cases = [(cid, src, vals, 5) for cid, src, vals in oracle_series()] + list(synthetic_series())
    for cid, source, values, season in cases:
        y = [v for v in values]
        fits = [fit(y, "simple_exponential_smoothing", None, "estimated"),
                fit(y, "damped_trend", None, "estimated")]
        if season > LARGE_SEASON:
            fits.append(fit(y, "holt_winters", season, "heuristic"))
            fits.append(fit(y, "damped_holt_winters", season, "heuristic"))
        else:
            fits.append(fit(y, "damped_holt_winters", season, "estimated"))
        document = {"schema_version": 1, "id": cid, "versions": versions, "n": len(y), "steps": STEPS,
                    "fits": fits}
        if source is None:
            document["values"] = [number(v) for v in y]
        else:
            document["source"] = source
        text = json.dumps(document, separators=(",", ":"))
        (OUT / f"{cid}.json.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
        index.append({"id": cid, "n": len(y), "season": season,
                      "errors": [f["model"] for f in fits if "error" in f]})
        print(cid, [(f["model"], f.get("sse"), f.get("error", {}).get("type")) for f in fits], flush=True)
    (OUT / "index.json").write_text(json.dumps({"versions": versions, "cases": index}, indent=1) + "\n")


if __name__ == "__main__":
    main()
