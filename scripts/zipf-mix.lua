-- wrk script: half the requests list the active sales, half ask a product's price, with product
-- ids drawn from a Zipf distribution (exponent 1) over the demo catalog's ids 1..N.
local n = tonumber(os.getenv("ZIPF_IDS") or "12")
local cdf, sum = {}, 0
for r = 1, n do sum = sum + 1 / r; cdf[r] = sum end
for r = 1, n do cdf[r] = cdf[r] / sum end

local function zipf()
  local u = math.random()
  for r = 1, n do if u <= cdf[r] then return r end end
  return n
end

request = function()
  if math.random() < 0.5 then
    return wrk.format("GET", "/api/flash-sales/active")
  end
  return wrk.format("GET", "/api/products/" .. zipf() .. "/price")
end
