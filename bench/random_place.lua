-- wrk script: a random place per request. Arguments after `--`: the path, then a file of zone
-- names. Half the requests ask by coordinates (uniform lat/lon), half by a random zone.
local path, zones = "/", {}

local function urlencode(text)
  return (text:gsub("[^%w%-%._~/]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  path = args[1] or path
  if args[2] then
    for line in io.lines(args[2]) do
      if #line > 0 then zones[#zones + 1] = urlencode(line) end
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  if #zones == 0 then
    return wrk.format("GET", path)
  end
  local query
  if math.random() < 0.5 then
    query = string.format("lat=%.4f&lon=%.4f", math.random() * 180 - 90, math.random() * 360 - 180)
  else
    query = "tz=" .. zones[math.random(#zones)]
  end
  local sep = path:find("?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. query)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
