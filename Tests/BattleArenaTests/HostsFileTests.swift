import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// The hosts file (docs/HOSTS.md): the documented example, and one case per
/// error, each naming the file and the key and saying the fix. The same cases
/// are run through schemas/hosts.schema.json by `HostsSchemaTests`.
@Suite struct HostsFileTests {
    static let file = "hosts.toml"
    static let server = "[server]\nssh = \"root@10.0.0.20\"\ncpus = \"0-3\"\n"
    static let client = "[[client]]\nssh = \"root@10.0.0.11\"\ncpus = \"0-7\"\n"

    /// A small valid file with `extra` appended (a table of its own, usually).
    static func with(_ extra: String) -> String { "schema = 1\n" + client + server + extra }

    /// A hosts file and what battle makes of it: nil when valid, else the key
    /// the error names and a part of its message (the fix). `schemaToo` is
    /// false for the two rules the schema cannot say (a range from low to
    /// high, CPUs shared on one host): there the schema accepts what battle refuses.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var errorKey: String?
        var says: String = ""
        var schemaToo = true
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "minimal", text: with("")),
        Case(
            name: "local database", text: with("[database]\nlocal = true\ncpus = \"2-3\"\nbattle = \"/opt/battle\"\n")),
        Case(name: "database url", text: with("[database]\nurl = \"postgres://battle:pw@10.0.0.30:5432/battle\"\n")),
        Case(
            name: "port and identity",
            text: "schema = 1\n[[client]]\nssh = \"u@h\"\nport = 2222\nidentity = \"~/.ssh/k\"\ncpus = \"0, 2-3\"\n"
                + server),
        Case(name: "same host, other CPUs", text: with("[database]\nssh = \"root@10.0.0.20\"\ncpus = \"4-5\"\n")),
        Case(
            name: "same destination, other port is another host",
            text: with("[database]\nssh = \"root@10.0.0.20\"\nport = 2200\ncpus = \"0-3\"\n")),
        Case(name: "no schema", text: client + server, errorKey: "schema", says: "add `schema = 1`"),
        Case(name: "schema 2", text: "schema = 2\n" + client + server, errorKey: "schema", says: "write `schema = 1`"),
        Case(
            name: "unknown top key", text: "schema = 1\ntimeout = 3\n" + client + server, errorKey: "timeout",
            says: "known keys here: client, database, schema, server"),
        Case(name: "no client", text: "schema = 1\n" + server, errorKey: "client", says: "add one [[client]] table"),
        Case(
            name: "client as one table", text: "schema = 1\n[client]\nssh = \"a@b\"\ncpus = \"0\"\n" + server,
            errorKey: "client", says: "write [[client]] (two brackets)"),
        Case(
            name: "empty clients", text: "schema = 1\nclient = []\n" + server, errorKey: "client", says: "at least one"),
        Case(name: "no server", text: "schema = 1\n" + client, errorKey: "server", says: "add a [server] table"),
        Case(
            name: "unknown host key", text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\ncpu = \"0\"\n",
            errorKey: "server.cpu", says: "known keys here: battle, cpus, identity, local, port, ssh"),
        Case(
            name: "neither ssh nor local", text: "schema = 1\n" + client + "[server]\ncpus = \"0\"\n",
            errorKey: "server", says: "add ssh = \"user@host\" or local = true"),
        Case(
            name: "ssh and local",
            text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\nlocal = true\ncpus = \"0\"\n",
            errorKey: "server.local", says: "and ssh both given"),
        Case(
            name: "local = false", text: "schema = 1\n" + client + "[server]\nlocal = false\ncpus = \"0\"\n",
            errorKey: "server.local", says: "must be `local = true`"),
        Case(
            name: "port with local",
            text: "schema = 1\n" + client + "[server]\nlocal = true\nport = 22\ncpus = \"0\"\n",
            errorKey: "server.port", says: "only applies with ssh"),
        Case(
            name: "identity with local",
            text: "schema = 1\n" + client + "[server]\nlocal = true\nidentity = \"k\"\ncpus = \"0\"\n",
            errorKey: "server.identity", says: "only applies with ssh"),
        Case(
            name: "ssh option injection",
            text: "schema = 1\n" + client + "[server]\nssh = \"-oProxyCommand=x\"\ncpus = \"0\"\n",
            errorKey: "server.ssh", says: "not starting with '-'"),
        Case(
            name: "ssh with a space", text: "schema = 1\n" + client + "[server]\nssh = \"root@a b\"\ncpus = \"0\"\n",
            errorKey: "server.ssh", says: "[user@]host"),
        Case(
            name: "ssh not a string", text: "schema = 1\n" + client + "[server]\nssh = 1\ncpus = \"0\"\n",
            errorKey: "server.ssh", says: "must be a string"),
        Case(
            name: "port out of range",
            text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\nport = 70000\ncpus = \"0\"\n",
            errorKey: "server.port", says: "1 to 65535"),
        Case(
            name: "port as a string",
            text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\nport = \"22\"\ncpus = \"0\"\n",
            errorKey: "server.port", says: "1 to 65535"),
        Case(
            name: "identity as an option",
            text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\nidentity = \"-x\"\ncpus = \"0\"\n",
            errorKey: "server.identity", says: "private key's path"),
        Case(
            name: "no cpus", text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\n", errorKey: "server.cpus",
            says: "like cpus = \"0-3\""),
        Case(
            name: "cpus as a number", text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\ncpus = 3\n",
            errorKey: "server.cpus", says: "must be a string"),
        Case(
            name: "cpus not a list", text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\ncpus = \"all\"\n",
            errorKey: "server.cpus", says: "as taskset does"),
        Case(
            name: "cpus range backwards", text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\ncpus = \"3-1\"\n",
            errorKey: "server.cpus", says: "from low to high", schemaToo: false),
        Case(
            name: "battle as an option",
            text: "schema = 1\n" + client + "[server]\nssh = \"a@b\"\nbattle = \"--x\"\ncpus = \"0\"\n",
            errorKey: "server.battle", says: "battle's path on that host"),
        Case(
            name: "second client's error names its index",
            text: "schema = 1\n" + client + "[[client]]\nssh = \"a@c\"\n" + server, errorKey: "client[1].cpus",
            says: "missing"),
        Case(
            name: "url with cpus", text: with("[database]\nurl = \"postgres://u@h/db\"\ncpus = \"0\"\n"),
            errorKey: "database.cpus", says: "not with database.url"),
        Case(
            name: "url not postgres", text: with("[database]\nurl = \"mysql://u@h/db\"\n"), errorKey: "database.url",
            says: "not a postgres:// URL"),
        Case(
            name: "url without user", text: with("[database]\nurl = \"postgres://h:5432/db\"\n"),
            errorKey: "database.url", says: "names no user"),
        Case(
            name: "url without database", text: with("[database]\nurl = \"postgres://u@h:5432/\"\n"),
            errorKey: "database.url", says: "names no database"),
        Case(
            name: "unknown database key", text: with("[database]\nlocal = true\ncpus = \"0\"\nname = \"x\"\n"),
            errorKey: "database.name", says: "known keys here: battle, cpus, identity, local, port, ssh, url"),
        Case(
            name: "server and database share a CPU",
            text: with("[database]\nssh = \"root@10.0.0.20\"\ncpus = \"3-4\"\n"), errorKey: "database.cpus",
            says: "shares CPUs with server.cpus (0-3) on the same host (root@10.0.0.20)", schemaToo: false),
        Case(
            name: "two local agents share a CPU",
            text: "schema = 1\n[[client]]\nlocal = true\ncpus = \"0-1\"\n[[client]]\nlocal = true\ncpus = \"1\"\n"
                + server,
            errorKey: "client[1].cpus", says: "shares CPUs with client[0].cpus", schemaToo: false),
    ]

    func parse(_ text: String) throws(TOMLFileError) -> HostsFile { try HostsFile.parse(text, file: Self.file) }

    @Test(arguments: cases) func eachCase(_ c: Case) {
        do {
            _ = try parse(c.text)
            #expect(c.errorKey == nil, "\(c.name): accepted, expected an error at \(c.errorKey ?? "")")
        } catch {
            #expect(error.file == Self.file)
            #expect(error.key == c.errorKey, "\(c.name): \(error)")
            #expect(error.message.contains(c.says), "\(c.name): \(error.message)")
        }
    }

    @Test func syntaxErrorNamesTheLineAndTheDocs() {
        #expect(throws: TOMLFileError.self) { try parse("schema = 1\n[[client]\n") }
        do {
            _ = try parse("schema = 1\n[[client]\n")
        } catch {
            #expect(error.description.hasPrefix("hosts.toml: line 2"))
            #expect(error.message.contains("docs/HOSTS.md"))
        }
    }

    @Test func theExampleFileReadsAsDocumented() throws {
        let path = ResultsSchemaTests.repo + "/examples/hosts.toml"
        let hosts = try HostsFile.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(hosts.clients.count == 2)
        #expect(
            hosts.clients[0]
                == .init(
                    host: .ssh(.init(destination: "root@10.0.0.11", identity: "~/.ssh/battle_ed25519")),
                    cpus: CPUSet(0...7), battle: "/usr/local/bin/battle"))
        #expect(
            hosts.clients[1].host
                == .ssh(.init(destination: "root@10.0.0.12", port: 2222, identity: "~/.ssh/battle_ed25519")))
        #expect(hosts.server.cpus == CPUSet(0...3))
        #expect(hosts.database == .host(.init(host: .local, cpus: CPUSet(2...3))))
        #expect(hosts.roles.map(\.key) == ["client[0]", "client[1]", "server", "database"])
    }

    @Test func sshArgumentsPutOptionsBeforeTheDestination() {
        #expect(
            HostsFile.SSHHost(destination: "u@h", port: 2222, identity: "k").sshArguments == [
                "-p", "2222", "-i", "k", "u@h",
            ])
        #expect(HostsFile.SSHHost(destination: "h").sshArguments == ["h"])
    }

    @Test func thePlanSaysWhichRoleGoesWhere() throws {
        let hosts = try parse(Self.with("[database]\nurl = \"postgres://battle:secret@10.0.0.30:5432/battle\"\n"))
        let text = HostsPlanText.render(hosts, file: "hosts.toml")
        #expect(text.hasPrefix("hosts.toml: valid. 1 load agent, 2 machines."))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("client[0]") && $0.contains("root@10.0.0.11") && $0.contains("0-7")
                    && $0.contains("ssh root@10.0.0.11")
            })
        #expect(lines.contains { $0.hasPrefix("server") && $0.contains("0-3") })
        #expect(
            lines.contains { $0.hasPrefix("database") && $0.contains("postgres://battle:***@10.0.0.30:5432/battle") })
        #expect(!text.contains("secret"))
        let none = HostsPlanText.render(try parse(Self.with("")), file: "h")
        #expect(none.contains("No database"))
    }
}
