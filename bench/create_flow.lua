-- POST /api/v1/flows/. With NAMES=same every request uses one name, so each takes the renaming
-- path (the worst case); otherwise every request gets a fresh name (the common case).
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local counter = 0
local same = os.getenv("NAMES") == "same"

request = function()
  counter = counter + 1
  local name = same and "bench-create" or ("bench-" .. tostring(id) .. "-" .. counter)
  local body = '{"name":"' .. name .. '","data":{"nodes":[],"edges":[]}}'
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
  return wrk.format("POST", nil, headers, body)
end
