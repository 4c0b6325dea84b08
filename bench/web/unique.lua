-- wrk script: GET /api/persons?q=... where no query is ever asked twice in a
-- run: every "first family" combination of data/synth's name lists (243 x
-- 304, in Arabic script and in Latin transliteration: about 148,000 queries),
-- so the server's remembered searches never answer and each request runs a
-- search from the index. The worst case for the people search; run by
-- bench/web_load.sh as its "first-time search" row.
--   SAWT_SYNTH_DIR=data/synth wrk -t2 -c64 -d20s --latency -s bench/web/unique.lua URL
local cookie = os.getenv("SAWT_BENCH_COOKIE") or ""
local dir = os.getenv("SAWT_SYNTH_DIR") or "data/synth"

local function column(path, arabic_col, latin_col, article_col)
  local out = {}
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  local header = true
  for line in f:lines() do
    if header then
      header = false
    else
      local cols = {}
      for c in (line .. "\t"):gmatch("([^\t]*)\t") do cols[#cols + 1] = c end
      local latin = cols[latin_col]:gsub("^%l", string.upper)
      if article_col and cols[article_col] == "1" then latin = "al-" .. latin end
      out[#out + 1] = { cols[arabic_col], latin }
    end
  end
  f:close()
  return out
end

local firsts = column(dir .. "/first_names.tsv", 1, 4, nil)
local families = column(dir .. "/family_names.tsv", 1, 4, 3)

local function encode(q)
  return (q:gsub("([^%w%-_.~])", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Thread i asks combinations i, i+T, i+2T, ... (T = wrk's -t, given again in
-- SAWT_BENCH_WRK_THREADS, default 2), so two threads never ask the same one.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local stride = tonumber(os.getenv("SAWT_BENCH_WRK_THREADS") or "2")
local n = 0
function request()
  local k = n * stride + (tonumber(id) or 0)
  n = n + 1
  local script = k % 2 + 1
  local c = math.floor(k / 2)
  local first = firsts[c % #firsts + 1]
  local family = families[math.floor(c / #firsts) % #families + 1]
  local q = first[script] .. " " .. family[script]
  return wrk.format("GET", "/api/persons?q=" .. encode(q) .. "&limit=50", { ["Cookie"] = cookie })
end
