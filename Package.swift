// swift-tools-version: 6.0
import PackageDescription

// The module graph, as Docs/Architecture.md draws it. FloatFormats imports
// nothing; only MPFRReference imports CMPFR; only the executable imports
// ArgumentParser.
let package = Package(
    name: "FloatLab",
    products: [
        .library(name: "FloatFormats", targets: ["FloatFormats"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "MPFRReference", targets: ["MPFRReference"]),
        .library(name: "FormatReport", targets: ["FormatReport"]),
        .library(name: "TensorIO", targets: ["TensorIO"]),
        .library(name: "Quantization", targets: ["Quantization"]),
        .library(name: "ModelQuantization", targets: ["ModelQuantization"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "IntegerInference", targets: ["IntegerInference"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "FloatTypes", targets: ["FloatTypes"]),
        .library(name: "FloatLabTesting", targets: ["FloatLabTesting"]),
        .executable(name: "floatlab", targets: ["floatlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `make docs`: the DocC catalogues under Sources/*/*.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libmpfr-dev"])]
        ),
        .target(name: "FloatFormats"),
        .target(name: "Verification", dependencies: ["FloatFormats"]),
        .target(name: "MPFRReference", dependencies: ["CMPFR", "FloatFormats", "Verification", "Simulation"]),
        .target(name: "TensorIO", dependencies: ["FloatFormats"]),
        .target(name: "Quantization", dependencies: ["FloatFormats"]),
        .target(name: "ModelQuantization", dependencies: ["Quantization", "TensorIO", "FloatFormats"]),
        .target(name: "Simulation", dependencies: ["FloatFormats"]),
        .target(name: "FloatTypes", dependencies: ["FloatFormats"]),
        // For users' test targets: correct-rounding checks against MPFR, ulp distances, inputs, vector files.
        .target(name: "FloatLabTesting", dependencies: ["FloatFormats", "FloatTypes", "Verification", "MPFRReference"]),
        .target(name: "ConversionBenchmark", dependencies: ["FloatFormats", "Quantization", "Simulation", "FloatTypes"]),
        .target(name: "IntegerInference", dependencies: ["FloatFormats", "Quantization", "Simulation"]),
        .target(name: "Experiments", dependencies: ["FloatFormats", "Quantization", "Simulation"]),
        .target(name: "FormatReport", dependencies: ["IntegerInference", "Experiments", "FloatFormats", "Verification", "ConversionBenchmark", "Quantization", "ModelQuantization", "TensorIO", "Simulation"]),
        .executableTarget(
            name: "floatlab",
            dependencies: [
                "FloatFormats", "Verification", "MPFRReference", "FormatReport", "IntegerInference", "Experiments", "TensorIO", "ConversionBenchmark", "Quantization", "ModelQuantization", "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share: format lists, the seeded generator, the
        // runner of the built tool, the reader of documented examples.
        .target(name: "FloatLabTestSupport", dependencies: ["FloatFormats"], path: "Tests/FloatLabTestSupport"),
        .testTarget(name: "FloatFormatsTests", dependencies: ["FloatFormats", "Verification", "FloatLabTestSupport"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "FloatFormats", "FloatLabTestSupport"]),
        .testTarget(name: "MPFRReferenceTests", dependencies: ["MPFRReference", "Verification", "FloatFormats", "Simulation", "FloatLabTestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "FloatFormats", "FloatLabTestSupport"]),
        .testTarget(name: "FloatTypesTests", dependencies: ["FloatTypes", "FloatFormats", "FloatLabTestSupport"]),
        .testTarget(name: "FloatLabTestingTests", dependencies: ["FloatLabTesting", "FloatTypes", "FloatFormats", "Verification", "Simulation", "FloatLabTestSupport"]),
        .testTarget(name: "IntegerInferenceTests", dependencies: ["IntegerInference", "Experiments", "Quantization", "FloatFormats", "FloatLabTestSupport"]),
        .testTarget(name: "FormatReportTests", dependencies: ["FormatReport", "FloatFormats", "Verification", "ConversionBenchmark", "Quantization", "FloatLabTestSupport"]),
        .testTarget(name: "TensorIOTests", dependencies: ["TensorIO", "FloatFormats", "FloatLabTestSupport"]),
        .testTarget(name: "QuantizationTests", dependencies: ["Quantization", "FloatFormats", "TensorIO", "FloatLabTestSupport"]),
        .testTarget(name: "FloatLabCLITests", dependencies: ["floatlab", "FloatLabTestSupport", "FloatTypes", "TensorIO"]),
    ]
)
