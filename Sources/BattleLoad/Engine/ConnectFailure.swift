#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns connect errors into words, with the fix when the cause is a limit
/// of this machine rather than of the server.
enum ConnectFailure {
    static func describe(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        switch code {
        case ECONNREFUSED: return "\(text) (is the server running and listening on this port?)"
        case EMFILE, ENFILE: return "\(text): out of file descriptors; raise `ulimit -n`"
        case EADDRNOTAVAIL:
            return "\(text): out of local ports; widen net.ipv4.ip_local_port_range or use fewer connections"
        case ETIMEDOUT: return "\(text) (is the server's listen backlog full?)"
        default: return text
        }
    }

    /// Why fewer connections than asked could be opened, and what to do.
    static func shortfall(asked: Int, open: Int, firstError: String?, fileLimit: Int) -> String {
        var s = "only \(open) of \(asked) connections could be opened"
        if let e = firstError { s += " (\(e))" }
        if asked + 32 > fileLimit { s += "; the open-file limit is \(fileLimit): raise it with `ulimit -n`" }
        if let ports = FileLimits.ephemeralPortCount(), asked > ports {
            s += "; only \(ports) local ports exist for one server address (net.ipv4.ip_local_port_range)"
        }
        return s + "; results are for \(open) connections"
    }
}
