// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Filon",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "filon", targets: ["filon"]),
        .executable(name: "filond", targets: ["filond"]),
        .executable(name: "filon-bench", targets: ["filon-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "FilonCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "FilonSources",
            dependencies: [
                "FilonCore", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            // The stock importer's per-row loop touches class state millions of times a second;
            // runtime exclusivity checks took a third of its time (measured with perf).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "FilonTUI", dependencies: ["FilonCore", "CNcurses"]),
        .target(
            name: "FilonCLI",
            dependencies: ["FilonCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "filon",
            dependencies: [
                "FilonCore", "FilonTUI", "FilonCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "filond",
            dependencies: [
                "FilonCore", "FilonSources", "FilonCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "filon-bench",
            dependencies: [
                "FilonCore", "FilonSources", "FilonCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FilonCoreTests", dependencies: ["FilonCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "FilonSourcesTests",
            dependencies: ["FilonSources", "FilonCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "FilonTUITests",
            dependencies: ["FilonTUI", "FilonCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["FilonCore"]),
    ],
    swiftLanguageModes: [.v6]
)
