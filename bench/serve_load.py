#!/usr/bin/python3
"""Clients for bench/serve_bench.sh that wrk and pgbench cannot be.

usage: serve_load.py check URL PATHS.txt OUT.tsv
       serve_load.py open311 URL TOKEN_FILE LOCATED.tsv CATEGORIES.csv N RUN OUT.json
                     [--workers W] [--previous FIRST.json]

check: asks every point of PATHS.txt once (untimed), through POST /v1/locate 1,000 at a time:
what each point answers (HTTP status of its GET, locate status, grid code) goes to OUT.tsv, so the
load run's non-2xx can be told apart from points the service is right to refuse, and PostGIS's
cells compared.
Prints "CHECK answered=.. ok=.. in_grid=.. statuses=..".

open311: posts N Open311 requests at once from W threads (default 24), each its own connection,
form-encoded as GeoReport v2 clients send them, each with a distinct attribute[report_id]
(RUN-0001...) at a point that answered with a grid in LOCATED.tsv and a category of
CATEGORIES.csv. Writes every answer to OUT.json and prints "OPEN311 seconds=.. answered=..
ok=.. ..." and, when --previous names the first pass, whether every report got the same
service_request_id again. Then reads the ids back through GET /open311/v2/requests.json.
"""
import argparse
import collections
import concurrent.futures
import csv
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request


def check(a):
    u = urllib.parse.urlsplit(a.url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    with open(a.paths, encoding="utf-8") as f:
        paths = [line.strip() for line in f]
    statuses, in_grid = collections.Counter(), 0
    with open(a.out, "w", encoding="utf-8") as out:
        out.write("path\thttp\tstatus\tgrid\n")
        # POST /v1/locate, 1,000 points a request: the same answers as GET, in seconds even when
        # each GET costs a round trip of tens of milliseconds.
        for i in range(0, len(paths), 1000):
            batch = [urllib.parse.parse_qs(urllib.parse.urlsplit(p).query) for p in paths[i:i + 1000]]
            body = json.dumps([{"lon": float(q["lon"][0]), "lat": float(q["lat"][0]), "crs": q["crs"][0]} for q in batch])
            conn.request("POST", "/v1/locate", body, {"Content-Type": "application/json"})
            r = conn.getresponse()
            answer = r.read()
            if r.status != 200:
                raise SystemExit("POST /v1/locate answered %d: %s" % (r.status, answer[:200]))
            for path, j in zip(paths[i:i + 1000], json.loads(answer)["results"]):
                err = j.get("error")
                code = err.get("status", 400) if err else 200
                statuses[code] += 1
                grid = (j.get("grid") or {}).get("code", "")
                in_grid += bool(grid)
                out.write("%s\t%d\t%s\t%s\n" % (path, code, j.get("status", ""), grid))
    print("CHECK answered=%d ok=%d in_grid=%d statuses=%s" % (sum(statuses.values()), statuses[200], in_grid,
          ",".join("%d:%d" % kv for kv in sorted(statuses.items()))))


def post(url, token, fields):
    req = urllib.request.Request(url + "/open311/v2/requests.json", data=urllib.parse.urlencode(fields).encode(),
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    except OSError as e:  # refused, reset, timed out: the request is lost as far as the client knows
        return {"http": 0, "error": str(e)}
    try:
        answer = json.loads(body)
    except ValueError:
        return {"http": status, "error": body[:200].decode("utf-8", "replace")}
    sid = answer[0].get("service_request_id") if isinstance(answer, list) and answer else None
    return {"http": status, "id": sid} if sid else {"http": status, "error": answer}


def read_back(url, ids):
    """The ids GET /open311/v2/requests.json returns, asked 100 at a time (a request line stays short)."""
    found = set()
    ids = sorted(ids)
    for i in range(0, len(ids), 100):
        q = urllib.parse.urlencode({"service_request_id": ",".join(ids[i:i + 100])})
        with urllib.request.urlopen(url + "/open311/v2/requests.json?" + q, timeout=60) as r:
            found.update(x.get("service_request_id") for x in json.loads(r.read()))
    return found


def open311(a):
    with open(a.token_file, encoding="utf-8") as f:
        token = f.readline().strip()
    with open(a.located, encoding="utf-8") as f:
        points = [r for r in csv.DictReader(f, delimiter="\t") if r["grid"]]
    with open(a.categories, encoding="utf-8", newline="") as f:
        codes = [r["code"] for r in csv.DictReader(f)]
    if len(points) < a.n:
        raise SystemExit("only %d points answered with a grid, %d asked" % (len(points), a.n))
    jobs = []
    for i in range(a.n):
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(points[i]["path"]).query)
        jobs.append({"service_code": codes[i % len(codes)], "lat": q["lat"][0], "long": q["lon"][0],
                     "description": "serve_bench %s 第%d号" % (a.run, i + 1),
                     "attribute[report_id]": "%s-%04d" % (a.run, i + 1)})
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(a.workers) as pool:
        answers = list(pool.map(lambda j: post(a.url, token, j), jobs))
    seconds = time.monotonic() - start
    for j, ans in zip(jobs, answers):
        ans["report_id"] = j["attribute[report_id]"]
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False, indent=0)
    https = collections.Counter(x["http"] for x in answers)
    ids = [x["id"] for x in answers if x.get("id")]
    created = [x["id"] for x in answers if x["http"] == 201]
    line = "OPEN311 seconds=%.2f answered=%d with_id=%d distinct_ids=%d created=%d distinct_created=%d http=%s" % (
        seconds, len(answers), len(ids), len(set(ids)), len(created), len(set(created)),
        ",".join("%d:%d" % kv for kv in sorted(https.items())))
    if a.previous:
        with open(a.previous, encoding="utf-8") as f:
            first = {x["report_id"]: x.get("id") for x in json.load(f)}
        line += " same_id_as_first=%d" % sum(1 for x in answers if x.get("id") and x["id"] == first.get(x["report_id"]))
    line += " read_back=%d" % len(read_back(a.url, set(ids)) & set(ids))
    print(line)
    failed = [x for x in answers if not x.get("id")]
    if failed:  # the first one is enough to reproduce by hand
        print("First answer without a service_request_id: report %s, HTTP %s, %s" % (failed[0]["report_id"], failed[0]["http"], failed[0].get("error")))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("url")
    c.add_argument("paths")
    c.add_argument("out")
    o = sub.add_parser("open311")
    for name in ("url", "token_file", "located", "categories"):
        o.add_argument(name)
    o.add_argument("n", type=int)
    o.add_argument("run")
    o.add_argument("out")
    o.add_argument("--workers", type=int, default=24)
    o.add_argument("--previous")
    a = ap.parse_args()
    if a.cmd == "check":
        check(a)
    else:
        open311(a)


if __name__ == "__main__":
    main()
