import BattleCore

/// One contender as the run knows it.
struct ContenderSlot {
    var manifest: ContenderManifest?
    var result: ContenderResult
    /// Still to be measured: valid, built, and not failed yet.
    var active: Bool
    var tests: [SuiteTest] = []
    var capacityTests: [SuiteTest] = []
    var readySamples: [Double] = []
    /// Planned database tests dropped because the database failed for good.
    var lostToDatabase: [SuiteTest] = []
}

/// Which contender of the run a slot holds. Only `ContenderSlots` makes one,
/// so a round, a trial number or a position in some other list can never be
/// passed where a contender is meant.
struct SlotID: Hashable, Sendable {
    fileprivate let position: Int
}

/// The run's contenders, in the order they were given, addressed by `SlotID`.
struct ContenderSlots {
    private var slots: [ContenderSlot] = []

    @discardableResult
    mutating func append(_ slot: ContenderSlot) -> SlotID {
        slots.append(slot)
        return SlotID(position: slots.count - 1)
    }

    subscript(id: SlotID) -> ContenderSlot {
        get { slots[id.position] }
        _modify { yield &slots[id.position] }
    }

    /// Every slot's ID, in the order given.
    var ids: [SlotID] { slots.indices.map(SlotID.init(position:)) }
    var all: [ContenderSlot] { slots }
    var results: [ContenderResult] { slots.map(\.result) }
    var anyActive: Bool { slots.contains(where: \.active) }
    var active: [ContenderSlot] { slots.filter(\.active) }

    /// Every slot in round `round`'s order (each contender goes first in
    /// turn, so none always runs on the coolest or the warmest machine).
    func inOrder(round: Int) -> [SlotID] {
        RoundOrder.order(count: slots.count, round: round).map(SlotID.init(position:))
    }

    /// The earlier slot whose build `id`'s entry runs (a tier with only run
    /// settings shares its idiomatic entry's build; `ArenaRun.sharedBuild`).
    func earlierSlot(sharingBuildWith id: SlotID) -> SlotID? {
        ArenaRun.sharedBuild(id.position, slots.map(\.manifest)).map(SlotID.init(position:))
    }
}
