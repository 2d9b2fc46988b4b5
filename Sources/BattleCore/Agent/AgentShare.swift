/// One agent's part of a level: agent `index` of `agents`. Pure, so the split
/// is a unit test.
///
/// - Closed loop: the connections split as evenly as they go, the remainder
///   to the first agents (10 over 4 gives 3, 3, 2, 2).
/// - Open loop: every agent plans R/N requests a second, its schedule
///   starting i/R seconds after the load start: i/N of its own gap N/R. The
///   level's schedule start + k/R is then shared out, agent i taking every
///   N-th slot from slot i, so the agents' arrivals interleave evenly instead
///   of arriving together (and each agent's loops split its share the same way).
/// - `-n`: the requests split as the connections do.
public struct AgentShare: Sendable, Equatable {
    public var connections: Int
    /// Requests per second this agent plans; nil for closed loop.
    public var rate: Double?
    /// Seconds from the load start to this agent's first planned request.
    public var scheduleOffsetSeconds: Double
    public var requestLimit: Int?

    public init(connections: Int, rate: Double?, scheduleOffsetSeconds: Double, requestLimit: Int?) {
        self.connections = connections
        self.rate = rate
        self.scheduleOffsetSeconds = scheduleOffsetSeconds
        self.requestLimit = requestLimit
    }

    /// `total` split over `parts`: part `index`'s share, the remainder to the first parts.
    public static func split(_ total: Int, parts: Int, index: Int) -> Int {
        total / parts + (index < total % parts ? 1 : 0)
    }

    /// Agent `index`'s share of `load`, `agents` sharing it.
    public static func of(_ load: AgentLoad, index: Int, agents: Int) -> AgentShare {
        AgentShare(
            connections: split(load.connections, parts: agents, index: index),
            rate: load.rate.map { $0 / Double(agents) },
            scheduleOffsetSeconds: load.rate.map { Double(index) / $0 } ?? 0,
            requestLimit: load.requestLimit.map { split($0, parts: agents, index: index) })
    }

    /// The share of the agent `spec` describes.
    public static func of(_ spec: AgentSpec) -> AgentShare {
        of(spec.load, index: spec.index, agents: spec.agents)
    }
}
