-- Conditional GETs for bench/http_bench.py:
--   wrk ... -s bench/http_bench_revalidate.lua URL -- ETAG LAST_MODIFIED
-- Sends If-None-Match / If-Modified-Since on every request and prints the status codes it got
-- ("Statuses: 304=1234"), so the benchmark can check that every answer was a 304.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if args[1] and args[1] ~= "" then
    wrk.headers["If-None-Match"] = args[1]
  end
  if args[2] and args[2] ~= "" then
    wrk.headers["If-Modified-Since"] = args[2]
  end
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, status .. "=" .. count)
  end
  table.sort(parts)
  io.write("Statuses: " .. table.concat(parts, " ") .. "\n")
end
