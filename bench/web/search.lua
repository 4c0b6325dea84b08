-- wrk script: GET /api/persons?q=... rotating over Arabic and Latin queries
-- (full names, family names, spelling variants), with the session cookie
-- from the environment (SAWT_BENCH_COOKIE). wrk counts non-2xx answers
-- ("Non-2xx or 3xx responses"); bench/web_load.sh treats any as a failure.
local cookie = os.getenv("SAWT_BENCH_COOKIE") or ""
local queries = {
  "محمد", "الحموي", "أحمد العلي", "Mohamed", "Muhammad al-Hamwi", "khaled", "خالد محمود",
  "عبد الرحمن", "Abdul Rahman", "al-Masri", "المصري", "Osama Ibrahim", "اسامه", "Hussein",
  "حسين الخطيب", "Yasser", "ياسر حمدان", "Omar", "عمر السيد", "al-Ali", "Ahmad", "سمير",
  "Abdelrahman al-Hussein", "Mahmoud", "محمود", "Ibrahim", "إبراهيم", "Hamdan", "al-Khatib",
}
local paths = {}
for i, q in ipairs(queries) do
  local enc = q:gsub("([^%w%-_.~])", function(c) return string.format("%%%02X", string.byte(c)) end)
  paths[i] = "/api/persons?q=" .. enc .. "&limit=50"
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Cookie"] = cookie })
end
