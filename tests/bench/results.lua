-- Pages of 200 result rows at offsets spread over a 50,000-row batch,
-- the last page (offset 49,800) among them.
local batch = os.getenv("BENCH_BATCH")
local n = 0
request = function()
  n = n + 1
  local offset = (n * 7919) % 250 * 200
  if n % 10 == 0 then offset = 49800 end
  return wrk.format("GET",
    "/api/v1/batches/" .. batch .. "/results?limit=200&offset=" .. offset)
end
