extension FloatFormat {
    /// The value of an encoding as a `Double`, rounded to nearest where float64
    /// cannot hold it; NaN for a NaN, ±∞ for infinities.
    public func doubleValue(_ code: UInt64) -> Double {
        Double(bitPattern: (try? FloatFormat.float64.convert(code & encodingMask, from: self))?.code ?? Double.nan.bitPattern)
    }
}
