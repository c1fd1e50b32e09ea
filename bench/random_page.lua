-- wrk script: each request asks for a random page, and the run is reported as one JSON line.
-- Arguments (after --): path prefix, number of pages (0: the path as is), page size, seed, and
-- optionally the format of the number appended (default %d: "%04d" for a 4-digit term, "%d/"
-- for a detail URL), and the first number (default 0: a page's offset; 1 for a row's id).
-- The same seed gives both servers the same sequence of pages.

local path, pages, step, format, first

function init(args)
  path = args[1]
  pages = tonumber(args[2]) or 0
  step = tonumber(args[3]) or 25
  math.randomseed(tonumber(args[4]) or 1)
  format = args[5] or "%d"
  first = tonumber(args[6]) or 0
end

function request()
  if pages > 0 then
    return wrk.format(nil, path .. string.format(format, first + math.random(0, pages - 1) * step))
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
