-- wrk script for bench/serve_bench.sh: GET /v1/locate for points drawn from a fixed list.
--   wrk -t2 -c8 -d10s --latency -s bench/serve_locate.lua http://127.0.0.1:PORT -- PATHS.txt
-- PATHS.txt holds one request path a line (/v1/locate?lon=..&lat=..&crs=4326). Each thread draws
-- its own sequence from a fixed seed, so a run asks the same points as the last one, and the two
-- threads do not walk the list in step. done() prints one RESULT line for the shell to read, in
-- microseconds, because wrk's own report rounds and changes units.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local paths = {}

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(20261206 + id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%.0f p99_us=%.0f max_us=%.0f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
