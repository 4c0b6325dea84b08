-- wrk script: GET /api/persons/P-NNNNNN over random ids in 1..SAWT_BENCH_PERSONS,
-- with the session cookie from SAWT_BENCH_COOKIE.
local cookie = os.getenv("SAWT_BENCH_COOKIE") or ""
local persons = tonumber(os.getenv("SAWT_BENCH_PERSONS") or "100000")
init = function()
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
request = function()
  return wrk.format("GET", string.format("/api/persons/P-%06d", math.random(1, persons)), { ["Cookie"] = cookie })
end
