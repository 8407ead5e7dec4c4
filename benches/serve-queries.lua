-- wrk script for benches/serve.sh: each request asks the next query of
-- benches/peers/queries.txt, at the path prefix in $PREFIX (the engine's
-- search URL up to the query's value) and the suffix in $SUFFIX.
local queries = {}
for line in io.lines(os.getenv("QUERIES")) do
  if line ~= "" and line:sub(1, 1) ~= "#" then
    table.insert(queries, line)
  end
end
local prefix = os.getenv("PREFIX")
local suffix = os.getenv("SUFFIX") or ""
local counter = 0

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

request = function()
  counter = counter + 1
  local query = queries[(counter % #queries) + 1]
  return wrk.format("GET", prefix .. encode(query) .. suffix)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.1f p50=%.3f p99=%.3f\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
