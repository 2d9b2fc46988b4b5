// swift-tools-version:6.0
import PackageDescription

// Swift 6 language mode (strict concurrency) for every target, plus `any` for existentials.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

// Linux only: the load engine is epoll (BattleLoad says so at compile time),
// and the arena reads /proc and cgroups. SwiftPM has no way to declare a
// Linux-only package, so no Apple platform is listed.
let package = Package(
    name: "battle",
    products: [
        .executable(name: "battle", targets: ["battle"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        // The system zlib, for HdrHistogram's compressed encoding.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Pure models, statistics, histograms and their encoding, units, the results schema.
        .target(
            name: "BattleCore",
            dependencies: [
                "CZlib", .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        // epoll, eventfd and timerfd, which the Glibc module leaves out.
        .target(name: "CBattleLinux"),
        // The HTTP/1.1 load engine: epoll event loops over SwiftNIO's ByteBuffer.
        .target(
            name: "BattleLoad",
            dependencies: [
                "BattleCore", "CBattleLinux",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The Battle Suite as code: tests, request generators, the verifier's checks.
        .target(name: "BattleSuite", dependencies: ["BattleCore"], swiftSettings: strict),
        // The checking client: blocking HTTP/1.1 over raw sockets (the verifier
        // controls pipelining byte for byte), responses parsed by NIOHTTP1's
        // decoder under one set of rules (HTTPResponseRules), and the readiness probe.
        .target(
            name: "BattleHTTPClient",
            dependencies: [
                "BattleCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Manifests, builds, PostgreSQL, CPU placement, processes, sampling,
        // the verifier, the run.
        .target(
            name: "BattleArena",
            dependencies: [
                "BattleCore", "BattleSuite", "BattleHTTPClient",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Scoring, profiles, the cited dataset, the cost model. data/*.toml are
        // compiled in (embedInCode, through the links in Builtin/), so the binary
        // needs no file beside it wherever it runs.
        .target(
            name: "BattleVerdict", dependencies: ["BattleCore"],
            resources: [
                .embedInCode("Builtin/ecosystem.toml"), .embedInCode("Builtin/profiles.toml"),
                .embedInCode("Builtin/prices.toml"),
            ],
            swiftSettings: strict
        ),
        // Pure renderers: text, Markdown, CSV, HTML, compare.
        .target(name: "BattleReport", dependencies: ["BattleCore", "BattleVerdict"], swiftSettings: strict),
        // The command line: flags in, library calls out.
        .executableTarget(
            name: "battle",
            dependencies: [
                "BattleCore", "BattleLoad", "BattleSuite", "BattleArena", "BattleReport", "BattleVerdict",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Helpers the test targets share (loopback sockets); not part of the product.
        .target(name: "BattleTestSupport", path: "Tests/Support/BattleTestSupport", swiftSettings: strict),
        .testTarget(
            name: "BattleCoreTests",
            dependencies: ["BattleCore", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .testTarget(
            name: "BattleLoadTests",
            dependencies: [
                "BattleLoad", "BattleCore",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "BattleSuiteTests", dependencies: ["BattleSuite", "BattleCore"]),
        // The checking client's parser, and its differences from the load engine's.
        .testTarget(
            name: "BattleHTTPClientTests",
            dependencies: [
                "BattleHTTPClient", "BattleCore", "BattleLoad", "BattleTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "BattleArenaTests",
            dependencies: [
                "BattleArena", "BattleCore", "BattleSuite", "BattleVerdict", "BattleTestSupport",
                // The verifier's integration tests run an in-process NIO HTTP server.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "BattleVerdictTests", dependencies: ["BattleVerdict", "BattleCore"]),
        .testTarget(name: "BattleReportTests", dependencies: ["BattleReport", "BattleCore", "BattleVerdict"]),
        // Runs the built `battle` binary: exit codes, files, end-to-end flows.
        .testTarget(name: "BattleEndToEndTests", dependencies: ["BattleCore", "BattleTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
