-- wrk script: each thread cycles through the paths given after "--" (one URL per page type).
--   wrk -t2 -c64 -d60s -s bench/mixed.lua http://127.0.0.1:8000 -- / /aktuelles/ /team/
local paths = {}
local counter = 0

function init(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
