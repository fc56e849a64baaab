// swift-tools-version: 6.0
import PackageDescription

// An example of using FloatLab in another package: generic numeric code
// written once for BinaryFloatingPoint, tested on Float, BFloat16 and
// Float8E4M3FN with FloatLab's test helpers.
let package = Package(
    name: "GenericNumerics",
    products: [.library(name: "GenericNumerics", targets: ["GenericNumerics"])],
    dependencies: [.package(name: "FloatLab", path: "../..")],
    targets: [
        .target(name: "GenericNumerics"),
        .testTarget(name: "GenericNumericsTests", dependencies: [
            "GenericNumerics",
            .product(name: "FloatTypes", package: "FloatLab"),
            .product(name: "FloatLabTesting", package: "FloatLab"),
        ]),
    ]
)
