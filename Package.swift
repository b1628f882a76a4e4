// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "thidua",
    // Linux only: the output protocol uses renameat2(RENAME_EXCHANGE) and syncfs (Sources/CSystem),
    // and the job is deployed on Debian servers. (macOS is named only so that the package resolves
    // there; it does not build there.)
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "thidua", targets: ["thidua"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CLibXLSX",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        /// The Excel workbook of a run (libxlsxwriter, constant-memory mode).
        .target(name: "ThiDuaWorkbook", dependencies: ["CLibXLSX", "ThiDuaCore", "ThiDuaReport"]),
        /// Our small libpq client: connection, bound parameters, decoding, streaming, snapshot, errors.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        /// The plan's rules: pure values and functions, no I/O.
        .target(name: "ThiDuaCore", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        /// Plan and configuration files (YAML) into Core values.
        .target(name: "ThiDuaConfig", dependencies: ["ThiDuaCore", "Postgres", .product(name: "Yams", package: "Yams")]),
        /// The plan language's file reader and checker (PLAN-LANGUAGE.md §1, §17): text → typed Plan or every error.
        .target(name: "ThiDuaPlan", dependencies: ["ThiDuaCore", "ThiDuaConfig", .product(name: "Yams", package: "Yams")]),
        /// SQL, the contract check, one snapshot read into Core inputs.
        .target(name: "ThiDuaWarehouse", dependencies: ["Postgres", "ThiDuaCore"]),
        /// CSV, HTML, labels.
        .target(name: "ThiDuaReport", dependencies: ["ThiDuaCore", .product(name: "Mustache", package: "swift-mustache")]),
        /// The output-directory protocol.
        .target(name: "ThiDuaPublish", dependencies: ["ThiDuaCore", "CSystem"]),
        /// Linux calls Swift cannot reach directly (renameat2).
        .target(name: "CSystem"),
        /// One nightly run as a function: the order of the phases, the gate, publishing; typed errors.
        .target(
            name: "ThiDuaJob",
            dependencies: ["Postgres", "ThiDuaCore", "ThiDuaConfig", "ThiDuaWarehouse", "ThiDuaReport", "ThiDuaPublish", "ThiDuaWorkbook"]
        ),
        /// The commands: argument parsing, configuration layering, errors to sysexits codes.
        .target(
            name: "ThiDuaCLI",
            dependencies: [
                "Postgres", "ThiDuaCore", "ThiDuaConfig", "ThiDuaJob", "ThiDuaPublish", "ThiDuaReport", "ThiDuaPlan", "ThiDuaWarehouse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "thidua", dependencies: ["ThiDuaCLI"]),
        /// Helpers the test targets share: a fresh database per test, fixtures, running the binary.
        .target(name: "TestSupport", dependencies: ["Postgres"], path: "Tests/TestSupport"),
        .testTarget(name: "ThiDuaPlanTests", dependencies: ["ThiDuaPlan", "ThiDuaCore", "ThiDuaConfig", "ThiDuaCLI", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "ThiDuaCoreTests", dependencies: ["ThiDuaCore", "ThiDuaConfig", "ThiDuaReport", "ThiDuaPlan", "TestSupport"]),
        .testTarget(
            name: "ThiDuaIntegrationTests",
            dependencies: ["Postgres", "ThiDuaCore", "ThiDuaConfig", "ThiDuaWarehouse", "ThiDuaReport", "ThiDuaPublish", "ThiDuaJob", "ThiDuaCLI", "ThiDuaWorkbook", "ThiDuaPlan", "TestSupport"]
        ),
    ]
)
