-- wrk script: after the run, print more of the latency distribution than wrk
-- does, and the share of requests slower than a threshold (microseconds,
-- first script argument, default 100000), found by bisection on percentiles.
-- Usage: wrk -s bench/wrk-report.lua URL -- 100000
local threshold = 100000

init = function(args)
   threshold = tonumber(args[1]) or threshold
end

done = function(summary, latency, requests)
   for _, p in ipairs({ 50, 90, 99, 99.9 }) do
      io.write(string.format("wrk-report: p%g %d\n", p, latency:percentile(p)))
   end
   local lo, hi = 0.0, 100.0
   if latency.max <= threshold then
      lo = 100.0
   else
      for _ = 1, 40 do
         local mid = (lo + hi) / 2
         if latency:percentile(mid) > threshold then hi = mid else lo = mid end
      end
   end
   io.write(string.format("wrk-report: above %d %.4f\n", threshold, (100.0 - lo) / 100.0))
   io.write(string.format("wrk-report: requests %d\n", summary.requests))
end
