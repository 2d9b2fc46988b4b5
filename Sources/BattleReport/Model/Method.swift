import BattleCore

/// "How these figures were obtained": the same sentences in report.md and
/// report.html, filled in from the plan that ran.
enum Method {
    static func items(_ r: RunResults) -> [(title: String, text: String)] {
        let p = r.plan
        let trials = "\(p.trials) trial\(p.trials == 1 ? "" : "s")"
        var items: [(String, String)] = [
            (
                "Load generator",
                "battle load (battle \(r.battleVersion)), a SwiftNIO HTTP/1.1 client with keep-alive. Levels are closed loop: each connection sends its next request when the previous response arrives; a level's label gives its connections (c), pipelining depth (p), queries per request (q) and live heap. Latency is recorded per response in HdrHistogram (1 µs to 100 s, 3 significant digits)."
            ),
            (
                "Durations",
                "Before a contender's first level, a primer of \(NumberText.seconds(p.primerSeconds)); every level then runs \(trials), each a warmup of \(NumberText.seconds(p.warmupSeconds)) that is not measured followed by a measured window of \(NumberText.seconds(p.levelSeconds))."
            ),
            (
                "Medians and spread",
                "Tables and charts quote the median over trials. Spread is given as min..max over trials and as the relative median absolute deviation (±MAD = median |x − median| / median). Percentiles are per trial; the table shows the median of each percentile over trials. A contender's summary row is its level with the highest median req/s (closed loop, default heap)."
            ),
            (
                "CPU and memory",
                "The server's process tree is sampled at about 10 Hz from /proc: CPU time is utime + stime from /proc/PID/stat, memory is VmRSS from /proc/PID/status, summed over the tree. CPU per request = server CPU seconds in the window / successful responses; peak RSS is the highest sample over the level's trials."
            ),
            (
                "CPU placement",
                "Server on CPU \(p.placement.server), load generator on CPU \(p.placement.client), database on CPU \(p.placement.database) (taskset lists). A trial is flagged client-bound when the load generator's CPU was near its share: its req/s may measure the client, not the server."
            ),
            (
                "Verification",
                p.verificationSkipped
                    ? "Verification was skipped (--no-verify): figures are not checked against the Battle Suite."
                    : "Before measuring, battle verify checked each contender against the \(r.suiteIdentity.title) (docs/SUITE.md); its outcome is shown per test."
            ),
            (
                "Comparing entries",
                "\"vs best\" is an entry's median req/s divided by the best realistic entry's. Stripped entries (†, docs/SUITE.md §5) are shown and marked but never set the best."
            ),
            (
                "Startup, build and code",
                "Startup time runs from spawn to the first 200 on the ready path; idle memory is the RSS one second later. Build times are wall time of a build after the manifest's clean command and of a second build with nothing changed; binary size is the manifest's artifact; lines of code are counted over the manifest's source globs."
            ),
        ]
        if let slo = p.slo {
            items.append(
                (
                    "Capacity",
                    "The highest open-loop rate each contender sustained while meeting \(slo): requests follow a fixed schedule and latency is measured from each request's planned send time, so a stalled server is not hidden (coordinated omission corrected, as wrk2 does)."
                ))
        }
        items.append(
            (
                "Large live heap",
                "Levels with a live heap set BATTLE_LIVE_HEAP_MB: the contender keeps a resident catalog of that size (docs/SUITE.md, /orders), so garbage collection and reference counting costs appear in tail latency."
            ))
        return items
    }
}
