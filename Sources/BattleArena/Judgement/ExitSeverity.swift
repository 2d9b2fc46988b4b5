import BattleCore

/// Which of a contender's exits its record keeps: of all its starts, the
/// most telling one.
enum ExitSeverity {
    /// How much an exit says about a problem: ended by itself > needed
    /// SIGKILL > non-zero status or a signal > clean > none.
    static func of(_ e: ExitRecord?) -> Int {
        guard let e else { return -1 }
        if e.unexpected { return 3 }
        if e.killed { return 2 }
        if e.signal != nil || (e.status ?? 0) != 0 { return 1 }
        return 0
    }

    /// `latest` unless `kept` says more (the later one wins a tie).
    static func mostTelling(kept: ExitRecord?, latest: ExitRecord) -> ExitRecord {
        of(latest) >= of(kept) ? latest : kept!
    }
}
