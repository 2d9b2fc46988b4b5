import BattleCore
import Testing

@testable import BattleArena

/// The run's contenders addressed by ID: each ID reaches its own slot,
/// edits land where they are meant, and every round visits each slot once.
struct ContenderSlotsTests {
    func slot(_ name: String, active: Bool = true) -> ContenderSlot {
        ContenderSlot(
            manifest: nil,
            result: ContenderResult(
                name: name, displayName: name, language: "", framework: "", approach: "", status: .interrupted,
                failure: nil),
            active: active)
    }

    @Test func eachIDReachesItsOwnSlotAndEditsLandThere() {
        var slots = ContenderSlots()
        let a = slots.append(slot("a"))
        let b = slots.append(slot("b"))
        let c = slots.append(slot("c", active: false))
        #expect(slots.ids == [a, b, c])
        slots[b].result.status = .crashed
        slots[b].active = false
        #expect(slots[a].result.status == .interrupted)
        #expect(slots[b].result.status == .crashed)
        #expect(slots.results.map(\.name) == ["a", "b", "c"])
        #expect(slots.active.map(\.result.name) == ["a"])
        #expect(slots.anyActive)
        slots[a].active = false
        #expect(!slots.anyActive)
    }

    @Test func everyRoundVisitsEachSlotOnceAndRotatesWhoGoesFirst() {
        var slots = ContenderSlots()
        for name in ["a", "b", "c"] { slots.append(slot(name)) }
        var firsts: Set<String> = []
        for round in 0..<3 {
            let order = slots.inOrder(round: round)
            #expect(Set(order) == Set(slots.ids))
            #expect(order.count == 3)
            firsts.insert(slots[order[0]].result.name)
        }
        #expect(firsts == ["a", "b", "c"])
    }
}
