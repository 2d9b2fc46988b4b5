import BattleCore
import Testing

@testable import BattleArena

@Suite struct PlacementTests {
    @Test func parsesAndPrintsTasksetLists() throws {
        #expect(try CPUSet(parsing: "0").cpus == [0])
        #expect(try CPUSet(parsing: "1-3").cpus == [1, 2, 3])
        #expect(try CPUSet(parsing: "4, 0,2-3,2").cpus == [0, 2, 3, 4])
        #expect(try CPUSet(parsing: "0-3,6").description == "0-3,6")
        #expect(CPUSet([0, 1]).description == "0,1")
        #expect(CPUSet([5, 0, 1, 2, 7]).description == "0-2,5,7")
    }

    @Test func rejectsBadLists() {
        for bad in ["", "a", "3-1", "1-", "-1", "1,,2", "0-99999"] {
            #expect(throws: CPUSet.ParseError.self) { try CPUSet(parsing: bad) }
        }
    }

    @Test func defaultsKeepTheServerCoreClean() {
        let two = CPUPlacement.defaults(available: CPUSet([0, 1]))
        #expect(two.server.cpus == [0])
        #expect(two.client.cpus == [1])
        #expect(two.database.cpus == [1])
        #expect(two.warnings.isEmpty)

        let three = CPUPlacement.defaults(available: CPUSet([2, 4, 6]))
        #expect([three.server.cpus, three.client.cpus, three.database.cpus] == [[2], [4], [6]])

        let four = CPUPlacement.defaults(available: CPUSet(0..<4))
        #expect([four.server.cpus, four.client.cpus, four.database.cpus] == [[0, 1], [2], [3]])

        // From 8 CPUs the load generator has at least as many CPUs as the server.
        let eight = CPUPlacement.defaults(available: CPUSet(0..<8))
        #expect(eight.server.cpus == [0, 1, 2])
        #expect(eight.client.cpus == [3, 4, 5])
        #expect(eight.database.cpus == [6, 7])
        for n in 8...64 {
            let p = CPUPlacement.defaults(available: CPUSet(0..<n))
            #expect(p.client.count >= p.server.count, "\(n) CPUs: \(p)")
            #expect(p.server.count + p.client.count + p.database.count == n)
            #expect(!p.server.intersects(p.client) && !p.client.intersects(p.database) && !p.server.intersects(p.database))
        }

        let five = CPUPlacement.defaults(available: CPUSet(0..<5))
        #expect(five.server.count + five.client.count + five.database.count == 5)
        #expect(!five.server.intersects(five.client) && !five.client.intersects(five.database))

        let one = CPUPlacement.defaults(available: CPUSet([3]))
        #expect(one.server.cpus == [3] && one.client.cpus == [3])
        #expect(one.warnings.count == 2)
    }

    @Test func flagsOverrideDefaultsWithinTheMask() throws {
        let p = try CPUPlacement.resolve(available: CPUSet(0..<4), server: "0-1", client: nil, database: "3")
        #expect(p.server.cpus == [0, 1])
        #expect(p.client.cpus == [2])
        #expect(p.database.cpus == [3])

        do {
            _ = try CPUPlacement.resolve(available: CPUSet([0, 1]), server: "0", client: "2", database: nil)
            Issue.record("CPU 2 is outside the mask")
        } catch {
            #expect(error.flag == "--client-cpus")
            #expect(error.description.contains("not in battle's affinity mask (0,1)"))
        }
        #expect(throws: PlacementError.self) { try CPUPlacement.resolve(available: CPUSet([0, 1]), server: "x", client: nil, database: nil) }
    }

    @Test func readsTheAffinityMaskFromProcStatus() {
        let status = "Name:\tbattle\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed_list:\t0\n"
        #expect(AffinityMask.parse(status: status)?.cpus == [0, 1])
        #expect(AffinityMask.parse(status: "Name: x\n") == nil)
    }

    /// The default budget frees the load generator where the placement starves it, and is whole CPUs or none elsewhere.
    @Test func defaultBudgetFollowsThePlacement() {
        func budget(_ n: Int) -> Double? { CPUPlacement.defaults(available: CPUSet(0..<n)).defaultBudget?.cores }
        #expect(budget(1) == nil)
        #expect(budget(2) == 0.5)
        #expect(budget(3) == nil)
        #expect(budget(4) == 1)
        #expect(budget(5) == nil)
        #expect(budget(6) == 2)
        #expect(budget(7) == 2)
        for n in 8...32 { #expect(budget(n) == nil, "\(n) CPUs") }
        let two = CPUPlacement.defaults(available: CPUSet([0, 1])).defaultBudget
        #expect(two?.periodMicros == CPUBudget.defaultPeriodMicros)
        #expect(two?.quotaMicros == 2_500)
        #expect(two?.reason.contains("--server-cpu-limit none") == true)
        // The database-heavy tests get an eighth: their queries share the load generator's CPU.
        #expect(two?.cores(for: .queries) == 0.125 && two?.cores(for: .updates) == 0.125 && two?.cores(for: .db) == 0.5)
        #expect(two?.description == "0.50 CPU (quota 2.50ms per 5.00ms); queries, updates: 0.13 CPU")
        #expect(CPUPlacement.defaults(available: CPUSet(0..<4)).defaultBudget?.testCores == nil)
    }
}
