-- The harness prepends its settings (globals): expect_status (number), expect_body (a plain
-- string the body must contain, or nil), pair (true: each POST is followed by a GET of the
-- Location it answers, with the cookie it sets if any; one sample per pair). Run with one connection
-- per thread: a thread's state is then its connection's.
--
-- At the end wrk prints these lines: rps, p50/p95/p99 (µs), errors (socket errors and
-- timeouts), unexpected (answers other than expected), first_unexpected (what the first was).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local clock = ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  first_unexpected = ""
  samples = {}
  follow = nil
  started = 0
end

function request()
  if follow ~= nil then
    local headers = {}
    for name, value in pairs(wrk.headers) do
      if name ~= "Content-Type" then headers[name] = value end
    end
    headers["Cookie"] = follow.cookie
    return wrk.format("GET", follow.path, headers, "")
  end
  started = now_us()
  return wrk.format()
end

local function refuse(status, what)
  unexpected = unexpected + 1
  if first_unexpected == "" then first_unexpected = what .. "=" .. status end
  follow = nil
end

function response(status, headers, body)
  if pair and follow == nil then
    local location = headers["Location"] or headers["location"]
    local cookie = headers["Set-Cookie"] or headers["set-cookie"]
    if status ~= 303 or location == nil then
      return refuse(status, "post")
    end
    follow = {
      path = location:gsub("^https?://[^/]+", ""),
      cookie = cookie and cookie:match("^[^;]+") or wrk.headers["Cookie"],
    }
    return
  end
  if status ~= expect_status then return refuse(status, "status") end
  if expect_body ~= nil and not string.find(body, expect_body, 1, true) then
    return refuse(status, "body")
  end
  if pair then
    table.insert(samples, now_us() - started)
    follow = nil
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

function done(summary, latency, requests)
  local bad, first = 0, ""
  local all = {}
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    if first == "" then first = thread:get("first_unexpected") end
    for _, sample in ipairs(thread:get("samples")) do table.insert(all, sample) end
  end
  local seconds = summary.duration / 1e6
  if pair then
    table.sort(all)
    io.write(string.format("rps %.2f\n", #all / seconds))
    io.write(string.format("p50 %d\np95 %d\np99 %d\n",
      percentile(all, 50), percentile(all, 95), percentile(all, 99)))
  else
    io.write(string.format("rps %.2f\n", summary.requests / seconds))
    io.write(string.format("p50 %d\np95 %d\np99 %d\n",
      latency:percentile(50), latency:percentile(95), latency:percentile(99)))
  end
  local errors = summary.errors
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("errors %d\n",
    errors.connect + errors.read + errors.write + errors.timeout))
  io.write(string.format("unexpected %d\n", bad))
  io.write(string.format("first_unexpected %s\n", first == "" and "-" or first))
end
