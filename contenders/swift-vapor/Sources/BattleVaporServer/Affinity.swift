import CAffinity

/// How many CPUs this process may run on.
///
/// NIO's `System.coreCount` reports every core of the machine even when the
/// process is pinned with `taskset`, so an event loop group sized from it
/// would run more loops than CPUs. `sched_getaffinity` reads the real mask
/// (through a C shim: Swift cannot import `CPU_COUNT`, a macro).
enum Affinity {
    static func cpuCount() -> Int? {
        let count = Int(battle_affinity_cpu_count())
        return count > 0 ? count : nil
    }
}
