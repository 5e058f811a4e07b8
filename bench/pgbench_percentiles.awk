# p50 and p99 (ms) of pgbench's per-transaction log (latency in microseconds, 3rd field): as logged,
# and corrected for coordinated omission the way wrk corrects its own histogram (wrk's
# stats_correct: a latency n counts again as n - e, n - 2e, ... while above e, e being the mean
# interval between requests on one connection), so that they compare with wrk's figures.
#   awk -v runtime_us=U -v connections=C -f bench/pgbench_percentiles.awk LOG...
# prints "raw_p50 raw_p99 corrected_p50 corrected_p99".
{ v = int($3); data[v]++; total++; if (v > max) max = v }
function pct(p,   n, seen) {
  for (n = 0; n <= max; n++) { seen += data[n]; if (seen >= p * total) return n / 1000 }
}
END {
  r50 = pct(0.50); r99 = pct(0.99)
  e = int(runtime_us / (total / connections))
  for (n = 2 * e; n <= max; n++) {
    if (!(n in data) || !data[n]) continue
    c = data[n]
    for (m = n - e; m > e; m -= e) { data[m] += c; total += c }
  }
  printf "%.2f %.2f %.2f %.2f\n", r50, r99, pct(0.50), pct(0.99)
}
