#!/usr/bin/env python3
"""Batch part of bench/monitoring.sh: 1,000-row CSV batches, from the first POST until every row is
in monitor_data (read back through GET /api/v1/monitor/{id}).

One Python process with kept-alive connections posts and polls. The earlier shell loop started curl
and two greps for every poll: about 40 ms of CPU each on this machine, so polling every 10 ms took
most of a core from the application it was timing (docs/monitoring-performance.md, thirteenth
session). A poll here costs well under a millisecond; the script prints its own CPU time.

Usage: batches.py BASE TOKEN DINSIGHT CSV APP_PID WARMUP RUNS ROUNDS [LABEL]
"""
import http.client
import os
import re
import statistics
import sys
import time
import urllib.parse

BASE, TOKEN, DINSIGHT, CSV, APP_PID = sys.argv[1:6]
WARMUP, RUNS, ROUNDS = (int(a) for a in sys.argv[6:9])
LABEL = sys.argv[9] if len(sys.argv) > 9 else "CSV"
ROWS_PER_BATCH = 1000
TOTAL = re.compile(rb'"total":\s*(\d+)')
URL = urllib.parse.urlsplit(BASE)
PATH = f"/api/v1/monitor/{DINSIGHT}"
BOUNDARY = "dinsight-bench-boundary"
BODY = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="batch.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n").encode() + open(CSV, "rb").read() + f"\r\n--{BOUNDARY}--\r\n".encode()


def connection():
    return http.client.HTTPConnection(URL.hostname, URL.port, timeout=120)


poster, poller = connection(), connection()


# Tomcat closes a kept-alive connection idle for 60 s (its default keep-alive timeout), and a
# request sent on it then fails with a broken pipe; the poster waits idle while settle() runs, so a
# connection idle longer than this is opened again (a loopback connect: well under a millisecond)
IDLE_BEFORE_RECONNECT = 20


def request(conn, method, path, body=None, headers=None):
    if time.monotonic() - getattr(conn, "last_used", 0) > IDLE_BEFORE_RECONNECT:
        conn.close()  # http.client connects again at the next request
    try:
        conn.request(method, path, body=body, headers={"Authorization": f"Bearer {TOKEN}", **(headers or {})})
    except (BrokenPipeError, ConnectionResetError) as e:
        # the server answered before reading the whole body and closed the connection: its answer
        # says why (it may still be readable), the broken pipe does not
        try:
            response = conn.getresponse()
            sys.exit(f"{method} {path}: {e.__class__.__name__} after the server answered HTTP {response.status}: "
                     f"{response.read()[:300]!r}")
        except (OSError, http.client.HTTPException):
            sys.exit(f"{method} {path}: {e.__class__.__name__}; the server's answer could not be read")
    response = conn.getresponse()
    data = response.read()
    conn.last_used = time.monotonic()
    if response.status != 200:
        sys.exit(f"{method} {path}: HTTP {response.status}: {data[:300]!r}")
    return data


def post_batch():
    request(poster, "POST", PATH, BODY, {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})


def total():
    return int(TOTAL.search(request(poller, "GET", PATH + "?size=1")).group(1))


def app_cpu_ticks():
    fields = open(f"/proc/{APP_PID}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def settle():
    """Until every processor has caught up: the application used under 80 ms of CPU in a second and
    monitor_data did not grow."""
    tick = os.sysconf("SC_CLK_TCK")
    start = time.monotonic()
    for _ in range(300):
        before, cpu = total(), app_cpu_ticks()
        time.sleep(1)
        if total() == before and (app_cpu_ticks() - cpu) * 1000 / tick < 80:
            break
    waited = time.monotonic() - start
    if waited > 10:
        print(f"# waited {waited:.0f} s for the application to settle", flush=True)


def wait_for(target):
    while total() < target:
        time.sleep(0.01)


# the CSV path (multipart, CSV parsing, the engine's batch kernel) is compiled by the JIT only when
# batches arrive: warm it as the single rows were warmed, then measure
for _ in range(WARMUP):
    post_batch()
own_cpu = os.times()

# latency: one batch at a time, from its POST until its rows are all in monitor_data
rates = []
for _ in range(RUNS):
    settle()
    target = total() + ROWS_PER_BATCH
    start = time.perf_counter()
    post_batch()
    wait_for(target)
    rates.append(ROWS_PER_BATCH / (time.perf_counter() - start))
print(f"batches of 1000 rows ({LABEL}), one at a time: median {statistics.median(rates):.0f} rows/s "
      f"POST-to-projected (runs={RUNS}: {', '.join(f'{r:.0f}' for r in rates)})")

# throughput: RUNS batches posted back to back, until the last row is in monitor_data; ROUNDS times,
# each after the application is idle again
accepted, end_to_end = [], []
for _ in range(ROUNDS):
    settle()
    target = total() + ROWS_PER_BATCH * RUNS
    start = time.perf_counter()
    for _ in range(RUNS):
        post_batch()
    posted = time.perf_counter()
    wait_for(target)
    done = time.perf_counter()
    accepted.append(ROWS_PER_BATCH * RUNS / (posted - start))
    end_to_end.append(ROWS_PER_BATCH * RUNS / (done - start))
print(f"batches of 1000 rows ({LABEL}), {RUNS} back to back, {ROUNDS} rounds: median {statistics.median(accepted):.0f} rows/s "
      f"accepted by POST ({','.join(f'{r:.0f}' for r in accepted)}), median {statistics.median(end_to_end):.0f} rows/s "
      f"end to end into monitor_data and anomalies ({','.join(f'{r:.0f}' for r in end_to_end)})")
used = os.times()
print(f"the batch client's own CPU while measuring: {(used.user + used.system - own_cpu.user - own_cpu.system):.2f} s")
