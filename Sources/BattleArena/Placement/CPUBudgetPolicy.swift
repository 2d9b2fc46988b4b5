import BattleCore

extension CPUPlacement {
    /// The CPU budget a run uses when `--server-cpu-limit` is not given.
    ///
    /// A budget is chosen only when the placement leaves the load generator
    /// (and the database) too little CPU to keep up with the server's whole
    /// CPUs: one client CPU can saturate about one uncapped server CPU on the
    /// lighter tests, less when the database shares it.
    ///
    /// | placement | budget |
    /// |---|---|
    /// | server, client and database share CPUs (1 CPU) | none: everything shares, the figures say so |
    /// | the database shares the load generator's CPUs (2 CPUs) | half of the server's CPUs; an eighth on queries and updates |
    /// | fewer client CPUs than server CPUs (4, 6, 7 CPUs) | as many whole CPUs as the client has |
    /// | otherwise (3, 5, 8+ CPUs) | none |
    public var defaultBudget: CPUBudget? {
        if server.intersects(client) { return nil }
        if database == client {
            var budget = CPUBudget(
                cores: 0.5 * Double(server.count),
                reason:
                    "the load generator shares CPU \(client) with the database, so half of the server's CPUs keeps both clear of saturation, and an eighth on queries and updates, whose many queries per request load the database most (--server-cpu-limit none to run uncapped)"
            )
            let eighth = 0.125 * Double(server.count)
            budget.testCores = [SuiteTest.queries.rawValue: eighth, SuiteTest.updates.rawValue: eighth]
            return budget
        }
        if client.count < server.count {
            return CPUBudget(
                cores: Double(client.count),
                reason:
                    "the load generator has \(client.count) CPU\(client.count == 1 ? "" : "s") for a server of \(server.count), so the server gets as many whole CPUs as the client (--server-cpu-limit none to run uncapped)"
            )
        }
        return nil
    }
}
