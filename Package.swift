// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Filon",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "filon", targets: ["filon"]),
        .executable(name: "filond", targets: ["filond"]),
        .executable(name: "filon-bench", targets: ["filon-bench"]),
        .executable(name: "filon-fuzz", targets: ["filon-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
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
                "FilonCore", "CZlib", "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The stock importer's per-row loop touches class state millions of times a second;
            // runtime exclusivity checks took a third of its time (measured with perf).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "FilonTUI",
            dependencies: ["FilonCore", "CNcurses", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "FilonCLI",
            dependencies: ["FilonCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "filon",
            dependencies: [
                // FilonSources for libcurl's SMTP mailer: the screen sends an email as soon as it is written.
                "FilonCore", "FilonTUI", "FilonCLI", "FilonSources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "filond",
            dependencies: [
                "FilonCore", "FilonSources", "FilonCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "filon-bench",
            dependencies: [
                "FilonCore", "FilonSources", "FilonCLI", "FilonTUI", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Replays fuzz inputs through the parsers; scripts/fuzz.sh builds it as a libFuzzer binary.
        .executableTarget(name: "filon-fuzz", dependencies: ["FilonSources"]),
        .testTarget(
            name: "FilonCoreTests", dependencies: ["FilonCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Fake provider servers on 127.0.0.1 shared by the source tests and the end-to-end tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "FilonSourcesTests",
            dependencies: [
                "FilonSources", "FilonCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "FilonTUITests",
            dependencies: ["FilonTUI", "FilonCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["FilonCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
