import Foundation
import Leaf
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Vapor

@main
struct BattleVaporServer {
    static func main() async throws {
        // The suite allows errors only, and only on standard error.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .error
            return handler
        }
        let logger = Logger(label: "battle-swift-vapor")

        let config: Config
        do {
            config = try Config(environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("BattleVaporServer: \(error)\n".utf8))
            exit(2)
        }

        // One event loop per CPU the process may use: Vapor's default group
        // (NIO's singleton) follows System.coreCount, which ignores taskset.
        let loops = config.workers ?? Affinity.cpuCount() ?? System.coreCount
        let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: loops)
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

        // Production: Leaf caches parsed templates, errors carry no debug text.
        // The only command is `serve` (Vapor's default), whatever the arguments.
        var environment = Environment.production
        environment.arguments = [CommandLine.arguments.first ?? "BattleVaporServer"]
        let app = try await Application.make(environment, .shared(eventLoopGroup))
        app.logger = logger
        app.http.server.configuration.hostname = config.host
        app.http.server.configuration.port = config.port
        app.http.server.configuration.serverName = "battle-swift-vapor"
        // Vapor's default middleware minus request logging (errors only).
        app.middleware = Middlewares()
        app.middleware.use(ErrorMiddleware.default(environment: environment))
        app.views.use(.leaf)

        let postgresTask = Task { await postgres.run() }
        Routes(database: DatabaseRoutes(client: postgres, logger: logger), orders: OrderRoutes(catalog: catalog))
            .register(on: app)

        // `serve` stops on SIGTERM or SIGINT: it stops accepting and lets
        // in-flight requests finish before execute() returns.
        do {
            try await app.execute()
        } catch {
            logger.error("\(error)")
            postgresTask.cancel()
            try? await app.asyncShutdown()
            exit(1)
        }
        postgresTask.cancel()
        try await app.asyncShutdown()
        try await eventLoopGroup.shutdownGracefully()
    }
}
