-- wrk's figures as one line of JSON for bench/serve.py's load(): requests, the run's length,
-- every kind of error (timeouts, and status 400 or more), and latency percentiles and maximum
-- in microseconds. With WRK_PATHS set (paths separated by commas), each of wrk's threads asks
-- for those paths in turn, one request each, from the first again after the last. Without
-- it, wrk sends its one request as with no script (prepared once, no Lua call per request).

local paths = os.getenv("WRK_PATHS") or ""

if paths ~= "" then
  local requests, turn = {}, 0

  function init(_)
    for path in string.gmatch(paths, "[^,]+") do
      requests[#requests + 1] = wrk.format(nil, path)
    end
  end

  function request()
    turn = turn % #requests + 1
    return requests[turn]
  end
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, '
      .. '"p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max
  ))
end
