#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many CPUs this process may run on.
///
/// NIO's `System.coreCount` counts every core of the machine, ignoring
/// `taskset`; a load generator pinned to one CPU must start one event loop,
/// not one per machine core, so this reads the affinity mask instead.
public enum CPUAffinity {
    public static func availableCPUs() -> Int {
        let cpus = cpuList()
        return cpus.isEmpty ? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) : cpus.count
    }

    /// The CPUs (their numbers) this process may run on; empty when unknown.
    public static func cpuList() -> [Int] {
        #if os(Linux)
            // Glibc declares sched_getaffinity only under _GNU_SOURCE, which the
            // Swift module does not see; look the symbol up instead.
            typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
            if let symbol = dlsym(nil, "sched_getaffinity") {
                let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
                var mask = [UInt64](repeating: 0, count: 16)  // 1024 CPUs, glibc's cpu_set_t
                let ok = mask.withUnsafeMutableBytes { getAffinity(0, $0.count, $0.baseAddress!) } == 0
                if ok {
                    return (0..<(mask.count * 64)).filter { mask[$0 / 64] & (1 << UInt64($0 % 64)) != 0 }
                }
            }
        #endif
        return []
    }
}
