#!/usr/bin/env python3
"""One run of bench/analysis.sh: POST /api/v1/analyze with FILE, then poll GET /api/v1/analyses/{id}
every 20 ms over one kept-alive connection until it is completed or failed; prints the seconds from
the POST to completed and the engine's own milliseconds. A curl and a Python start per poll, as
before the thirteenth session, cost tens of milliseconds of CPU each on this machine: a poller
taking CPU from the engine it times (docs/monitoring-performance.md, thirteenth session).

Usage: analysis_run.py BASE TOKEN FILE
"""
import http.client
import json
import os
import sys
import time
import urllib.parse

BASE, TOKEN, FILE = sys.argv[1:4]
URL = urllib.parse.urlsplit(BASE)
BOUNDARY = "dinsight-bench-boundary"
HEADERS = {"Authorization": f"Bearer {TOKEN}"}
body = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{os.path.basename(FILE)}"\r\n'
        f"Content-Type: text/csv\r\n\r\n").encode() + open(FILE, "rb").read() + f"\r\n--{BOUNDARY}--\r\n".encode()
connection = http.client.HTTPConnection(URL.hostname, URL.port, timeout=600)

start = time.perf_counter()
connection.request("POST", "/api/v1/analyze", body=body,
                   headers={**HEADERS, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
response = connection.getresponse()
accepted = response.read()
if response.status != 202:
    sys.exit(f"POST /api/v1/analyze: HTTP {response.status}: {accepted[:300]!r}")
analysis = json.loads(accepted)["analysis_id"]
while True:
    # 404 until the read model has the analysis (it trails the command by milliseconds)
    connection.request("GET", f"/api/v1/analyses/{analysis}", headers=HEADERS)
    response = connection.getresponse()
    answer = response.read()
    status = json.loads(answer).get("status") if response.status == 200 else None
    if status in ("completed", "failed"):
        break
    time.sleep(0.02)
if status != "completed":
    sys.exit(f"analysis {analysis} {status}: {answer[:500]!r}")
print("%.3f %s" % (time.perf_counter() - start, json.loads(answer)["results"]["engine_millis"]))
