-- wrk summary as one machine-readable line: requests, duration µs, mean and p99 latency µs,
-- then the connect, read, write, status (non-2xx/3xx) and timeout error counts.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %.1f %.1f %d %d %d %d %d\n", summary.requests, summary.duration,
    latency.mean, latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
