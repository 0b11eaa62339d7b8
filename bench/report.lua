-- wrk prints these lines at the end of a run: throughput, latency percentiles (µs), errors.
done = function(summary, latency, requests)
  io.write(string.format("rps %.2f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50 %d\n", latency:percentile(50)))
  io.write(string.format("p95 %d\n", latency:percentile(95)))
  io.write(string.format("p99 %d\n", latency:percentile(99)))
  local errors = summary.errors
  io.write(string.format("errors %d\n",
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
