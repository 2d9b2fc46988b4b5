import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle

@main
struct BattleSwiftServer {
    static func main() async throws {
        // The suite allows errors only, and only on standard error.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .error
            return handler
        }
        let logger = Logger(label: "battle-swift")

        let config: Config
        do {
            config = try Config(environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("BattleSwiftServer: \(error)\n".utf8))
            exit(2)
        }

        // One event loop per CPU the process may use, never the machine's count.
        let loops = config.workers ?? Affinity.cpuCount() ?? System.coreCount
        let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: loops)
        // The one line docs/SUITE.md §4 allows besides errors: how the runtime sized itself.
        FileHandle.standardError.write(Data("battle-runtime: event_loops=\(loops)\n".utf8))

        let catalog = Catalog(count: Catalog.productCount(liveHeapMB: config.liveHeapMB))

        // Connections are opened on first use, so the server starts and
        // answers /plaintext even when no database is reachable.
        var postgresConfig = PostgresClient.Configuration(
            host: config.dbHost, port: config.dbPort, username: config.dbUser,
            password: config.dbPassword, database: config.dbName, tls: .disable
        )
        postgresConfig.options.maximumConnections = config.dbPool
        postgresConfig.options.connectTimeout = .seconds(5)
        let postgres = PostgresClient(
            configuration: postgresConfig, eventLoopGroup: eventLoopGroup, backgroundLogger: logger
        )

        // The helpdesk suite's routes answer 500 without a secret; the
        // Battle Suite's do not need one.
        let helpdeskTokens = await HelpdeskTokens(environment: ProcessInfo.processInfo.environment)
        let routes = Routes(
            database: DatabaseRoutes(client: postgres, fortunesPage: try FortunesPage(), logger: logger),
            orders: OrderRoutes(catalog: catalog),
            helpdesk: HelpdeskRoutes(client: postgres, tokens: helpdeskTokens, logger: logger)
        )
        let app = Application(
            router: routes.buildRouter(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Hummingbird"),
            services: [postgres],
            eventLoopGroupProvider: .shared(eventLoopGroup),
            logger: logger
        )
        // SIGTERM or SIGINT: stop accepting, let in-flight requests finish,
        // then shut the pool down. A request still waiting after 8 s (say,
        // for a database that is down) is cancelled, so the process exits
        // within the arena's 10 s grace.
        var lifecycle = ServiceGroupConfiguration(
            services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        lifecycle.maximumGracefulShutdownDuration = .seconds(8)
        try await ServiceGroup(configuration: lifecycle).run()
        try await eventLoopGroup.shutdownGracefully()
    }
}
