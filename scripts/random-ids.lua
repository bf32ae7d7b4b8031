-- wrk script: prices of random product ids (almost all unknown), to show the cache stays bounded.
request = function()
  return wrk.format("GET", "/api/products/" .. math.random(1, 1000000000000) .. "/price")
end
