// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for every reader of outside input. Build and run them with
// `make fuzz` (FUZZ_SECONDS per target, default 60): each is compiled with
// `-sanitize=fuzzer,address`: each target's top-level code hands its body to
// libFuzzer's driver (LLVMFuzzerRunDriver), and AddressSanitizer checks every
// access. Seeds live in Corpus/<target>/.
let package = Package(
    name: "FloatLabFuzz",
    dependencies: [.package(name: "FloatLab", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", .product(name: "FloatFormats", package: "FloatLab")]),
    ] + [
        ("FuzzFormatSpec", ["FloatFormats"]),
        ("FuzzNumberLiteral", ["FloatFormats"]),
        ("FuzzNPY", ["TensorIO"]),
        ("FuzzNPZ", ["TensorIO"]),
        ("FuzzSafetensors", ["TensorIO"]),
        ("FuzzTextTensors", ["TensorIO"]),
        ("FuzzConvertLines", ["TensorIO"]),
        ("FuzzArithLines", ["FloatFormats"]),
        ("FuzzCheckOutputs", ["TensorIO"]),
    ].map { name, products in
        .executableTarget(name: name, dependencies: ["FuzzSupport"] + Set(products + ["FloatFormats"]).sorted().map { .product(name: $0, package: "FloatLab") })
    }
)
