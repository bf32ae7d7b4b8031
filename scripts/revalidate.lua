-- wrk script: a client that keeps what it was sent. Each thread remembers the last ETag it got and
-- asks with If-None-Match (and Accept-Encoding: gzip); done() prints how many answers were 200 and
-- how many 304.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  tag = nil
  ok, notModified = 0, 0
end

function request()
  if tag then
    return wrk.format("GET", nil, { ["Accept-Encoding"] = "gzip", ["If-None-Match"] = tag })
  end
  return wrk.format("GET", nil, { ["Accept-Encoding"] = "gzip" })
end

function response(status, headers, body)
  if status == 304 then notModified = notModified + 1 elseif status == 200 then ok = ok + 1 end
  local t = headers["ETag"] or headers["etag"]
  if t then tag = t end
end

function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("ok")
    b = b + t:get("notModified")
  end
  io.write(string.format("statuses: 200 %d, 304 %d\n", a, b))
end
