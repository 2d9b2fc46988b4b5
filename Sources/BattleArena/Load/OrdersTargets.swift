import BattleCore
import BattleSuite
import Foundation

/// The `/orders` request bodies and the targets file that makes `battle load`
/// POST them: bodies from BattleSuite's `OrderGenerator` (a fixed seed, so
/// every contender and every run gets the same orders), one per line.
public enum OrdersTargets {
    public static let seed: UInt64 = 0xBA77_1E
    public static let bodyCount = 1000

    /// The bodies file's content: `count` compact JSON orders, one per line.
    public static func bodies(count: Int = bodyCount, seed: UInt64 = seed) -> String {
        let g = OrderGenerator(seed: seed)
        return (0..<count).map { String(decoding: g.body($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    /// A targets file POSTing the bodies in `bodiesFile` to `url` (both quoted
    /// as TOML strings, whatever characters a path holds).
    public static func targetsFile(url: String, bodiesFile: String) -> String {
        """
        # Written by battle run: POST /orders with generated order bodies (docs/SUITE.md, orders).
        [[target]]
        name = "orders"
        url = \(TOMLString.quoted(url))
        method = "POST"
        headers = { "Content-Type" = "application/json" }
        bodies_file = \(TOMLString.quoted(bodiesFile))

        """
    }
}
