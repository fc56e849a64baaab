import FloatFormats

/// The mapping between `.npy` dtypes and FloatLab formats: float16, float32
/// and float64 arrays hold values of those formats; unsigned arrays hold bit
/// patterns of a format the caller names, in its storage width.
extension NPYElement {
    /// The unsigned dtype that holds bit patterns of a format.
    ///
    /// ```swift
    /// NPYElement(bitPatternsOf: .float8_e4m3fn)   // .uint8
    /// NPYElement(bitPatternsOf: .bfloat16)        // .uint16
    /// ```
    public init(bitPatternsOf format: FloatFormat) {
        self = .unsigned(bytes: format.storageBytes)
    }

    /// The format whose values a float dtype holds; nil for unsigned dtypes.
    ///
    /// ```swift
    /// NPYElement.float16.valueFormat   // float16
    /// NPYElement.uint8.valueFormat     // nil
    /// ```
    public var valueFormat: FloatFormat? {
        switch self {
        case .float16: return .float16
        case .float32: return .float32
        case .float64: return .float64
        default: return nil
        }
    }
}

extension NPYArray {
    /// The format of the array's elements: the value format of a float
    /// array, or `bitPatternsOf` for an unsigned one (whose width must match).
    /// Throws when a float array is said to hold bit patterns, or an
    /// unsigned one is not said to.
    public func elementFormat(bitPatternsOf format: FloatFormat?) throws(TensorIOError) -> FloatFormat {
        if let values = element.valueFormat {
            if let format, format != values {
                throw TensorIOError("it holds \(values.name) values, not \(format.name) bit patterns; drop --from or pass an unsigned array.")
            }
            return values
        }
        guard let format else {
            throw TensorIOError("it holds unsigned integers: --from must say which format's bit patterns they are.")
        }
        guard format.storageBytes == element.size else {
            throw TensorIOError("it holds \(element.size)-byte integers but \(format.name) elements take \(format.storageBytes) bytes.")
        }
        return format
    }
}
