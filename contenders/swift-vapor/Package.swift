// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "battle-swift-vapor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "BattleVaporServer", targets: ["BattleVaporServer"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", exact: "4.122.3"),
        .package(url: "https://github.com/vapor/leaf.git", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
    ],
    targets: [
        .executableTarget(
            name: "BattleVaporServer",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                "CAffinity",
            ]
        ),
        .target(name: "CAffinity"),
        .testTarget(
            name: "BattleVaporServerTests",
            dependencies: ["BattleVaporServer"]
        ),
    ]
)
