#!/usr/bin/env python3
"""Load and measurement half of scripts/soak.sh (standard library only).

Scrapes /metrics at --rate requests per second, calls the JSON API, remote read over the archive, the status
page and the objectives API (a PUT and a DELETE with the admin token every 30 s) once a second, samples the RSS
of --pid every 10 s, and at the end prints and writes a report. An error is any answer other than the expected
status, a /metrics body without sibyl_source_up, or a request that did not finish within its 5 s timeout.
Cycles missed = cycles that should have run in the measured span (after the first) minus cycles that succeeded.
"""

import argparse
import json
import struct
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, wire_type, payload):
    key = varint(number << 3 | wire_type)
    if wire_type == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def read_request(start_ms, end_ms, name_regex):
    """A prometheus.ReadRequest with one query {__name__=~name_regex}, SAMPLES answer."""
    matcher = field(1, 0, 2) + field(2, 2, b"__name__") + field(3, 2, name_regex.encode())
    query = field(1, 0, start_ms) + field(2, 0, end_ms) + field(3, 2, matcher)
    return field(1, 2, query)


def snappy_literal(data):
    """Snappy block format with the whole input as literals (valid, uncompressed)."""
    out = bytearray(varint(len(data)))
    pos = 0
    while pos < len(data):
        chunk = data[pos : pos + 65536]
        n = len(chunk) - 1
        if n < 60:
            out.append(n << 2)
        elif n < 256:
            out += bytes([60 << 2, n])
        else:
            out += bytes([61 << 2]) + struct.pack("<H", n)
        out += chunk
        pos += len(chunk)
    return bytes(out)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = {}
        self.errors = {}
        self.error_examples = []
        self.scrape_latencies = []

    def record(self, kind, ok, detail=None, latency=None):
        with self.lock:
            self.requests[kind] = self.requests.get(kind, 0) + 1
            if not ok:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                if len(self.error_examples) < 20:
                    self.error_examples.append(f"{time.strftime('%H:%M:%S')} {kind}: {detail}")
            if latency is not None:
                self.scrape_latencies.append(latency)


def call(url, method="GET", body=None, headers=None, timeout=5):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def scraper(args, stats, stop):
    period = 1.0 / args.rate
    next_time = time.monotonic()
    while not stop.is_set():
        started = time.monotonic()
        try:
            status, body = call(args.base + "/metrics")
            ok = status == 200 and b"\nsibyl_source_up " in body
            stats.record("metrics", ok, f"status {status}, {len(body)} bytes", time.monotonic() - started)
        except Exception as error:  # noqa: BLE001 - every failure counts
            stats.record("metrics", False, repr(error), time.monotonic() - started)
        next_time += period
        delay = next_time - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            next_time = time.monotonic()


def api_calls(args, stats, stop):
    token = open(args.token_file).read().strip()
    auth = {"Authorization": f"Bearer {token}"}
    q = urllib.parse.urlencode
    tick = 0
    while not stop.wait(1.0):
        now = time.time()
        calls = [
            ("series", "GET", "/api/v1/series?" + q({"match[]": 'node_load1{job="node"}'}), None, {}, 200),
            (
                "results",
                "GET",
                "/api/v1/results?"
                + q({"match[]": '{job="node", window="5m"}', "kind": "stats", "from": now - 300, "limit": 500}),
                None,
                {},
                200,
            ),
            ("evaluations", "GET", "/api/v1/evaluations?" + q({"from": now - 600}), None, {}, 200),
            ("objectives", "GET", "/api/v1/objectives", None, {}, 200),
            ("objective_status", "GET", "/api/v1/objectives/free_memory/status", None, {}, 200),
            (
                "remote_read",
                "POST",
                "/api/v1/read",
                snappy_literal(read_request(int((now - 600) * 1000), int(now * 1000), "sibyl_window_avg|sibyl_slo_.*")),
                {"Content-Type": "application/x-protobuf", "Content-Encoding": "snappy"},
                200,
            ),
            ("bad_selector", "GET", "/api/v1/series?" + q({"match[]": "node_load1{"}), None, {}, 400),
        ]
        if tick % 10 == 0:
            calls += [("status_page", "GET", "/", None, {}, 200), ("ready", "GET", "/-/ready", None, {}, 200)]
        if tick % 30 == 0:
            objective = json.dumps({"selector": 'node_load1{job="node"}', "max": 1000}).encode()
            calls += [
                ("objective_put", "PUT", "/api/v1/objectives/soak_load", objective,
                 {**auth, "Content-Type": "application/json"}, (200, 201)),
            ]
        if tick % 30 == 15:
            calls += [("objective_delete", "DELETE", "/api/v1/objectives/soak_load", None, auth, 200)]
        for kind, method, path, body, headers, expected in calls:
            if stop.is_set():
                return
            expected = expected if isinstance(expected, tuple) else (expected,)
            try:
                status, answer = call(args.base + path, method, body, headers)
                stats.record(kind, status in expected, f"status {status}: {answer[:200]!r}")
            except Exception as error:  # noqa: BLE001
                stats.record(kind, False, repr(error))
        tick += 1


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def self_metrics(base):
    _, body = call(base + "/metrics", timeout=10)
    values = {}
    for line in body.decode().splitlines():
        if line.startswith("#") or not line.startswith("sibyl_"):
            continue
        name, _, value = line.rpartition(" ")
        if name == "sibyl_series" or name.startswith(
                ("sibyl_evaluations_total", "sibyl_evaluation_failures_total", "sibyl_archive_cycles_total")):
            values[name] = values.get(name, 0) + float(value)
    return values


def failures(metrics):
    return sum(v for k, v in metrics.items() if k.startswith("sibyl_evaluation_failures_total"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--interval", type=float, required=True, help="evaluation.interval in seconds")
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--report", required=True)
    args = parser.parse_args()

    duration = args.minutes * 60
    warmup = min(15 * 60, duration / 4)
    stats, stop = Stats(), threading.Event()
    threads = [threading.Thread(target=scraper, args=(args, stats, stop)),
               threading.Thread(target=api_calls, args=(args, stats, stop))]
    for thread in threads:
        thread.start()

    start = time.monotonic()
    rss = []
    warm = None
    try:
        while time.monotonic() - start < duration:
            elapsed = time.monotonic() - start
            rss.append((elapsed, rss_mib(args.pid)))
            if warm is None and elapsed >= warmup:
                warm = (elapsed, self_metrics(args.base), rss[-1][1])
                print(f"soak: warm-up over at {elapsed / 60:.1f} min, RSS {rss[-1][1]:.1f} MiB", flush=True)
            elif len(rss) % 30 == 0:
                print(f"soak: {elapsed / 60:.1f} min, RSS {rss[-1][1]:.1f} MiB, "
                      f"requests {sum(stats.requests.values())}, errors {sum(stats.errors.values())}", flush=True)
            time.sleep(10)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    end_elapsed = time.monotonic() - start
    end_metrics = self_metrics(args.base)
    end_rss = rss_mib(args.pid)
    measured = end_elapsed - warm[0]
    expected_cycles = int(measured // args.interval)
    ok_cycles = (end_metrics.get("sibyl_evaluations_total", 0) - failures(end_metrics)) - (
        warm[1].get("sibyl_evaluations_total", 0) - failures(warm[1]))
    missed = max(0, expected_cycles - int(ok_cycles))
    growth = (end_rss - warm[2]) / warm[2]
    peak = max(value for _, value in rss)
    latencies = sorted(stats.scrape_latencies)
    errors = sum(stats.errors.values())
    lines = [
        f"soak: {args.minutes:g} min, warm-up {warmup / 60:.1f} min, {sum(stats.requests.values())} requests "
        f"({stats.requests.get('metrics', 0)} scrapes of /metrics)",
        f"errors: {errors} {stats.errors if errors else ''}".rstrip(),
        f"scrape latency: median {latencies[len(latencies) // 2] * 1000:.1f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms",
        f"series held: {end_metrics.get('sibyl_series', 0):.0f}",
        f"RSS: {warm[2]:.1f} MiB after warm-up, {end_rss:.1f} MiB at the end ({growth * 100:+.1f} %), "
        f"peak {peak:.1f} MiB",
        f"cycles: {int(ok_cycles)} succeeded of {expected_cycles} due after warm-up, missed {missed}, "
        f"failed {failures(end_metrics) - failures(warm[1]):.0f}",
    ]
    lines += ["error examples:"] + stats.error_examples if stats.error_examples else []
    lines.append("rss samples (minute MiB): " + " ".join(f"{t / 60:.0f}:{v:.0f}" for t, v in rss[::6]))
    report = "\n".join(lines)
    print(report, flush=True)
    with open(args.report, "w") as out:
        out.write(report + "\n")
    if errors or missed or growth > 0.10:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
