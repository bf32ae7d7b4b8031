#!/usr/bin/env python3
"""Reads one wrk --latency report; prints label, req/s, p50 ms, p99 ms, store queries/s, errors (tab-separated).

usage: wrkstats.py REPORT LABEL QUERIES_BEFORE QUERIES_AFTER SECONDS
"""
import re, sys
text = open(sys.argv[1]).read()
label, q0, q1, dur = sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
def unit(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", v)
    if not m:
        sys.exit(f"cannot read a latency of {v!r} in:\n{text}")
    x = float(m.group(1))
    return {"us": x / 1000, "ms": x, "s": x * 1000, "m": x * 60000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
# Only the "Latency Distribution" table, one percentile per line: the thread stats' "+/- Stdev"
# column can end in "62.50%" too, and an unanchored "50%" then read the next line's first word.
dist = text.split("Latency Distribution", 1)[-1]
def pct(p):
    m = re.search(rf"^\s*{p}%\s+(\S+)\s*$", dist, re.M)
    if not m:
        sys.exit(f"no {p}% line in wrk's latency distribution:\n{text}")
    return unit(m.group(1))
p50 = pct(50); p99 = pct(99)
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
print(f"{label}\t{rps:.0f}\t{p50:.3f}\t{p99:.3f}\t{(q1 - q0) / dur:.2f}\t{errors}")
