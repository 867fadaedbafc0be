#!/usr/bin/env python3
"""Writes OpenMetrics history for scripts/bench-source.sh from the real node-exporter fixture (standard library).

The fixture holds 48 minutes of 43 real series scraped every 5 s. This script makes --series series of it (the 43
repeated over instances host-0, host-1, …, each instance's copy rotated by a different number of samples so that no
two series are equal) over --hours hours before --end plus --after minutes after it, repeating the 48 minutes as
often as needed: counters (names ending in _total) continue across the repetitions instead of restarting, gauges
repeat. Timestamps keep the fixture's scrape jitter. Output goes to stdout, one family after another, each series'
samples in time order, as `promtool tsdb create-blocks-from openmetrics` reads it.
"""

import argparse
import gzip
import re
import sys

LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} (\S+) (\S+)$")


def load(path):
    """{(name, labels-without-instance-and-job): [(ms, value)]}, in file order."""
    series = {}
    with gzip.open(path, "rt") as text:
        for line in text:
            match = LINE.match(line.strip())
            if not match:
                continue
            name, labels, value, seconds = match.groups()
            kept = ",".join(
                pair for pair in labels.split(",") if pair and not pair.startswith(("instance=", "job="))
            )
            series.setdefault((name, kept), []).append((round(float(seconds) * 1000), float(value)))
    return series


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--series", type=int, default=2000)
    parser.add_argument("--hours", type=float, default=12)
    parser.add_argument("--after", type=float, default=60, help="minutes after --end")
    parser.add_argument("--end", type=int, required=True, help="Unix seconds")
    args = parser.parse_args()

    fixture = load(args.fixture)
    keys = sorted(fixture)
    instances = -(-args.series // len(keys))
    first = (args.end - int(args.hours * 3600)) * 1000
    last = (args.end + int(args.after * 60)) * 1000
    out = sys.stdout
    written = 0
    for name in sorted({key[0] for key in keys}):
        out.write(f"# TYPE {name} gauge\n")
        for key in (key for key in keys if key[0] == name):
            samples = fixture[key]
            origin = samples[0][0]
            period = samples[-1][0] - origin + 5000
            counter = name.endswith("_total")
            for instance in range(instances):
                if instance * len(keys) + keys.index(key) >= args.series:
                    continue
                labels = f'instance="host-{instance}:9100",job="node"' + ("," + key[1] if key[1] else "")
                rotation = (instance * 37) % len(samples)
                values = [value for _, value in samples]
                values = values[rotation:] + values[:rotation]
                # A counter grows by the fixture's increases (the rotated ones), continued across repetitions.
                steps = [max(b - a, 0) for a, b in zip(values, values[1:] + values[:1])]
                current = samples[0][1]
                repetition = (first - origin) // period
                while origin + repetition * period <= last:
                    start = origin + repetition * period
                    for position, (ms, _) in enumerate(samples):
                        time = start + (ms - origin)
                        if counter:
                            current += steps[position]
                        if first <= time <= last:
                            value = current if counter else values[position]
                            out.write(f"{name}{{{labels}}} {value!r} {time / 1000:.3f}\n")
                            written += 1
                    repetition += 1
    out.write("# EOF\n")
    print(f"bench-source-history: {written} samples", file=sys.stderr)


if __name__ == "__main__":
    main()
