import FloatFormats

/// The mapping between stored dtypes and FloatLab formats: float dtypes hold
/// values of their format; unsigned arrays hold bit patterns of a format the
/// caller names, in its storage width.
extension TensorDType {
    /// The unsigned dtype that holds bit patterns of a format.
    ///
    /// ```swift
    /// TensorDType(bitPatternsOf: .float8_e4m3fn)   // .unsigned(bytes: 1)
    /// TensorDType(bitPatternsOf: .bfloat16)        // .unsigned(bytes: 2)
    /// ```
    public init(bitPatternsOf format: FloatFormat) {
        self = .unsigned(bytes: format.storageBytes)
    }

    /// The format whose values a float dtype holds; nil for other dtypes.
    ///
    /// ```swift
    /// TensorDType.float(.float16).valueFormat      // float16
    /// TensorDType.unsigned(bytes: 1).valueFormat   // nil
    /// ```
    public var valueFormat: FloatFormat? {
        if case .float(let f) = self { return f }
        return nil
    }
}

extension NPYArray {
    /// The format of the array's elements: the value format of a float
    /// array, or `bitPatternsOf` for an unsigned one (whose width must match).
    /// Throws when a float array is said to hold bit patterns, or an
    /// unsigned one is not said to.
    public func elementFormat(bitPatternsOf format: FloatFormat?) throws(TensorIOError) -> FloatFormat {
        if let values = dtype.valueFormat {
            if let format, format != values {
                throw TensorIOError("it holds \(values.name) values, not \(format.name) bit patterns; drop --from or pass an unsigned array.")
            }
            return values
        }
        guard case .unsigned(let width) = dtype else {
            throw TensorIOError("it holds \(dtype) values; pass float values or unsigned bit patterns.")
        }
        guard let format else {
            throw TensorIOError("it holds unsigned integers: --from must say which format's bit patterns they are.")
        }
        guard format.storageBytes == width else {
            throw TensorIOError("it holds \(width)-byte integers but \(format.name) elements take \(format.storageBytes) bytes.")
        }
        return format
    }
}
