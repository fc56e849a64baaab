// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "FloatLab",
    products: [
        .library(name: "FloatFormats", targets: ["FloatFormats"]),
        .library(name: "MPFRReference", targets: ["MPFRReference"]),
        .library(name: "FormatReport", targets: ["FormatReport"]),
        .library(name: "TensorIO", targets: ["TensorIO"]),
        .executable(name: "floatlab", targets: ["floatlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libmpfr-dev"])]
        ),
        .target(name: "FloatFormats"),
        .target(name: "MPFRReference", dependencies: ["CMPFR", "FloatFormats"]),
        .target(name: "FormatReport", dependencies: ["FloatFormats"]),
        .target(name: "TensorIO", dependencies: ["FloatFormats"]),
        .target(name: "ConversionBenchmark", dependencies: ["FloatFormats", "FormatReport"]),
        .executableTarget(
            name: "floatlab",
            dependencies: [
                "FloatFormats", "MPFRReference", "FormatReport", "TensorIO", "ConversionBenchmark",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "FloatFormatsTests", dependencies: ["FloatFormats"]),
        .testTarget(name: "MPFRReferenceTests", dependencies: ["MPFRReference", "FloatFormats"]),
        .testTarget(name: "FormatReportTests", dependencies: ["FormatReport", "FloatFormats"]),
        .testTarget(name: "TensorIOTests", dependencies: ["TensorIO"]),
        .testTarget(name: "FloatLabCLITests", dependencies: ["floatlab"]),
    ]
)
