import BattleArena
import BattleCore
import Testing

/// `battle run`'s flag values, parsed once (ArgumentParser's `transform:`):
/// each accepts what docs/RUN.md says and refuses the rest with the fix.
@Suite struct RunFlagValuesTests {
    @Test func durations() throws {
        #expect(try RunFlagValues.positiveSeconds("2s") == 2)
        #expect(try RunFlagValues.positiveSeconds("500ms") == 0.5)
        #expect(throws: FlagValueError("write a positive duration such as 2s or 500ms")) {
            try RunFlagValues.positiveSeconds("0")
        }
        #expect(throws: FlagValueError.self) { try RunFlagValues.positiveSeconds("soon") }
        #expect(try RunFlagValues.seconds("0") == 0)
        #expect(try RunFlagValues.seconds("2s") == 2)
        #expect(throws: FlagValueError("write a duration such as 2s, or 0 for none")) {
            try RunFlagValues.seconds("-1s")
        }
    }

    @Test func interval() throws {
        #expect(try RunFlagValues.interval("1s") == IntervalSetting(seconds: 1))
        #expect(try RunFlagValues.interval("100ms") == IntervalSetting(seconds: 0.1))
        #expect(try RunFlagValues.interval("none") == IntervalSetting(seconds: nil))
        #expect(try RunFlagValues.interval("OFF").seconds == nil)
        for bad in ["50ms", "2h", "often"] {
            #expect(throws: FlagValueError("write a duration from 100ms to 1h, such as 1s, or none")) {
                try RunFlagValues.interval(bad)
            }
        }
        #expect(IntervalSetting(seconds: nil).description == "none")
    }

    @Test func probeKinds() throws {
        #expect(try RunFlagValues.probeKinds("large-heap,equal-rate").kinds == [.largeHeap, .equalRate])
        #expect(try RunFlagValues.probeKinds("heap, peak, heap").kinds == [.largeHeap, .peak])
        #expect(try RunFlagValues.probeKinds("none").kinds == [])
        #expect(throws: FlagValueError("'capacity' is not a level kind; use large-heap, equal-rate, peak, or none")) {
            try RunFlagValues.probeKinds("peak,capacity")
        }
        #expect(throws: FlagValueError("it is empty; write large-heap,equal-rate, peak, or none")) {
            try RunFlagValues.probeKinds(" , ")
        }
        #expect(ProbeKinds(kinds: [.largeHeap, .equalRate]).description == "large-heap,equal-rate")
    }

    @Test func cpuLimit() throws {
        #expect(try RunFlagValues.cpuLimit("0.5") == CPULimit(cores: 0.5, text: "0.5"))
        #expect(try RunFlagValues.cpuLimit("none").cores == nil)
        #expect(try RunFlagValues.cpuLimit("0").cores == nil)
        for bad in ["half", "0.001", "inf"] {
            #expect(
                throws: FlagValueError("write CPUs of time per second, such as 0.5 or 2, or none to run uncapped")
            ) { try RunFlagValues.cpuLimit(bad) }
        }
    }

    @Test func cpuPeriod() throws {
        #expect(try RunFlagValues.cpuPeriodMicros("5ms") == 5_000)
        #expect(try RunFlagValues.cpuPeriodMicros("1s") == 1_000_000)
        for bad in ["500us", "2s", "x"] {
            #expect(throws: FlagValueError("write a duration from 1ms to 1s, such as 5ms")) {
                try RunFlagValues.cpuPeriodMicros(bad)
            }
        }
    }
}
