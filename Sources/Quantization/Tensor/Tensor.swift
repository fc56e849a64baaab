/// A named array of float32 values with a shape (C order, last axis fastest):
/// what every quantizer takes and gives back. float16, bfloat16 and fp8
/// tensors widen into it exactly; float64 tensors are rounded to nearest.
///
/// ```swift
/// let t = Tensor(name: "w", shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
/// t.count          // 6
/// t.rowLength      // 3: the length of the last axis
/// ```
public struct Tensor: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String = "tensor", shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "shape \(shape) does not hold \(values.count) values")
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// A 1-D tensor.
    public init(name: String = "tensor", _ values: [Float]) {
        self.init(name: name, shape: [values.count], values: values)
    }

    public var count: Int { values.count }

    /// The length of the last axis (1 for a scalar).
    public var rowLength: Int { shape.last ?? 1 }

    /// The number of rows: elements over the last axis' length.
    public var rowCount: Int { rowLength == 0 ? 0 : count / rowLength }

    /// The number of elements one step along `axis` skips.
    public func stride(of axis: Int) -> Int { shape[(axis + 1)...].reduce(1, *) }

    /// The multi-index of a flat (C-order) position, for error messages.
    public func index(of flat: Int) -> [Int] { Self.index(of: flat, in: shape) }

    /// The multi-index of a flat (C-order) position in a shape.
    ///
    /// ```swift
    /// Tensor.index(of: 5, in: [2, 3])   // [1, 2]
    /// ```
    public static func index(of flat: Int, in shape: [Int]) -> [Int] {
        var rest = flat
        var out = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            out[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return out
    }
}
