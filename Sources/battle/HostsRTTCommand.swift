import ArgumentParser
import BattleArena
import BattleCore
import Foundation

/// `battle hosts rtt ADDRESS PORT`: TCP connect round trips from this host,
/// one JSON document on stdout (`HostRoundTrip`). `battle run --hosts` runs
/// it over ssh on each load agent's host against the server's host.
struct HostsRTTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtt",
        abstract: "TCP connect round trips from this host to ADDRESS:PORT, as JSON (used by battle run --hosts).")

    @Argument(help: "An IPv4 address.") var address: String
    @Argument(help: "A TCP port that accepts connections there (ssh's 22 does).") var port: Int
    @Option(help: "Connects to time.") var count: Int = 20
    @Option(help: "The name of this host in the output.") var from: String = "this host"

    func run() throws {
        let samples = ConnectRoundTrip.measure(address: address, port: port, count: max(1, count))
        guard let rtt = HostRoundTrip.summary(from: from, to: "\(address):\(port)", samples: samples) else {
            throw CommandFailure(
                .failure, "no connect to \(address):\(port) succeeded; check the address and that the port is open")
        }
        let data = try ResultsCoding.encoder(pretty: false).encode(rtt)
        try CommandOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
