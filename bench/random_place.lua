-- wrk script: a random place per request. Arguments after `--`: the path; a file of zone names
-- (or "-" for none: the path as it is); "bust" to add a random unknown parameter, so that no
-- answer is served from a cache (anything else: none); the share of requests that ask by
-- coordinates (default 0.5). With zones, that share asks by uniform lat/lon, the rest by a random
-- zone; 1 asks by coordinates only, answers that are computed every time.
local path, zones, bust, by_coordinates = "/", {}, false, 0.5

local function urlencode(text)
  return (text:gsub("[^%w%-%._~/]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  path = args[1] or path
  bust = args[3] == "bust"
  by_coordinates = tonumber(args[4] or "") or by_coordinates
  if args[2] and args[2] ~= "-" then
    for line in io.lines(args[2]) do
      if #line > 0 then zones[#zones + 1] = urlencode(line) end
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

local function with_query(base, query)
  if query == "" then return base end
  return base .. (base:find("?", 1, true) and "&" or "?") .. query
end

function request()
  local url = path
  if #zones > 0 then
    if math.random() < by_coordinates then
      url = with_query(url, string.format("lat=%.4f&lon=%.4f", math.random() * 180 - 90, math.random() * 360 - 180))
    else
      url = with_query(url, "tz=" .. zones[math.random(#zones)])
    end
  end
  if bust then
    url = with_query(url, "bench_nonce=" .. math.random(1, 2000000000))
  end
  return wrk.format("GET", url)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
