-- Paced load for wrk: each connection waits WRK_DELAY_MS before each request, so
-- `-c N` connections offer about N * 1000 / WRK_DELAY_MS requests per second whatever
-- the server's speed (an open-ish loop: latency is measured at a fixed offered rate
-- instead of the queueing delay of N connections hammering as fast as they can).
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "25")

function delay()
  return delay_ms
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("PACED %d %d %.1f %.1f %d %d %d %d %d\n", summary.requests, summary.duration,
    latency.mean, latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
