-- wrk script: prices of products drawn uniformly from ids 1..N (PRICE_IDS, default 50000).
local n = tonumber(os.getenv("PRICE_IDS") or "50000")

request = function()
  return wrk.format("GET", "/api/products/" .. math.random(1, n) .. "/price")
end
