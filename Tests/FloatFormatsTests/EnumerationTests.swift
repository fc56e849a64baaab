import Testing
@testable import FloatFormats

/// Every derived property of every format of up to 16 bits, against a count or a
/// search over all its encodings.
@Suite struct EnumerationTests {
    @Test(arguments: smallFormats)
    func countsMatchEnumeration(_ f: FloatFormat) {
        let all = allDecoded(f)
        let nans = all.filter { $0.floatClass == .nan }.count
        let infs = all.filter { $0.floatClass == .infinity }.count
        let finite = all.filter(\.isFinite)
        #expect(UInt64(nans) == f.nanCount)
        #expect(UInt64(infs) == f.infinityCount)
        #expect(UInt128(finite.count) == f.finiteCount)
        #expect(UInt128(Set(finite.map { $0.value!.magnitude.isZero ? Dyadic.zero : $0.value! }).count) == f.distinctValueCount)
        #expect(f.hasInfinity == (infs > 0))
        #expect(f.hasNaN == (nans > 0))
        #expect(f.hasNegativeZero == all.contains { $0.floatClass == .zero && $0.isNegative })
        #expect(f.hasZero == all.contains { $0.floatClass == .zero })
        if let inf = f.positiveInfinity { #expect(f.decodeUnchecked(inf).floatClass == .infinity) }
        if let nan = f.canonicalNaN { #expect(f.decodeUnchecked(nan).floatClass == .nan) }
    }

    @Test(arguments: smallFormats)
    func extremesMatchEnumeration(_ f: FloatFormat) {
        let values = allDecoded(f).compactMap(\.value)
        let positives = values.filter { !$0.isZero && !$0.isNegative }
        #expect(values.max() == f.maxFinite)
        #expect(values.min() == f.minFinite)
        #expect(positives.min() == f.smallestPositive)
        let normals = allDecoded(f).filter { $0.floatClass == .normal && !$0.isNegative }.map { $0.value! }
        #expect(normals.min() == f.smallestNormal)
        let subnormals = allDecoded(f).filter { $0.floatClass == .subnormal && !$0.isNegative }.map { $0.value! }
        #expect(subnormals.min() == f.smallestSubnormal)
        #expect(f.decodeUnchecked(f.maxFiniteCode()).value == f.maxFinite)
        // epsilon: the gap between 1 and the next value, where 1 is in the format.
        if let one = positives.firstIndex(of: .powerOfTwo(0)) {
            let sorted = positives.sorted()
            let i = sorted.firstIndex(of: positives[one])!
            if i + 1 < sorted.count {
                let next = sorted[i + 1]
                #expect(next == Dyadic(significand: (1 << f.fractionBits) + 1, exponent: -f.fractionBits), "\(f.name) epsilon")
            }
        }
    }

    /// nextUp and nextDown walk the sorted distinct values; the binade table's rows
    /// hold exactly the positive values, evenly spaced.
    @Test(arguments: smallFormats)
    func neighboursAndBinades(_ f: FloatFormat) throws {
        let all = allDecoded(f)
        let finite = all.filter(\.isFinite)
        let sorted = Set(finite.map { $0.value!.isZero ? Dyadic.zero : $0.value! }).sorted()
        var index: [Dyadic: Int] = [:]
        for (i, v) in sorted.enumerated() { index[v] = i }
        for d in finite {
            let v = d.value!.isZero ? Dyadic.zero : d.value!
            let i = index[v]!
            let up = try f.nextUp(d.code).map { f.decodeUnchecked($0) }
            if i + 1 < sorted.count {
                #expect(up?.value.map { Dyadic.compare($0, sorted[i + 1]) == 0 } == true, "\(f.name) nextUp(0x\(String(d.code, radix: 16)))")
            } else {
                #expect(f.hasInfinity ? up?.floatClass == .infinity : up == nil, "\(f.name) nextUp(max)")
            }
            let down = try f.nextDown(d.code).map { f.decodeUnchecked($0) }
            if i > 0 {
                #expect(down?.value.map { Dyadic.compare($0, sorted[i - 1]) == 0 } == true, "\(f.name) nextDown(0x\(String(d.code, radix: 16)))")
            } else {
                #expect(f.hasInfinity && f.isSigned ? down?.floatClass == .infinity : down == nil, "\(f.name) nextDown(min)")
            }
        }
        // Binade rows.
        let positives = Set(finite.compactMap { $0.value }.filter { !$0.isZero && !$0.isNegative }).sorted()
        var covered = 0
        for row in f.binades {
            let inRow = positives.filter { $0 >= row.lowest && $0 <= row.highest }
            #expect(UInt64(inRow.count) == row.count, "\(f.name) binade \(row.exponent)")
            covered += inRow.count
            for (a, b) in zip(inRow, inRow.dropFirst()) {
                #expect(Dyadic.compare(b, Dyadic.sum(a, row.spacing)) == 0, "\(f.name) spacing in binade \(row.exponent)")
            }
        }
        #expect(covered == positives.count)
    }

    /// exactCode inverts decode for every finite encoding.
    @Test(arguments: smallFormats)
    func exactCodeInvertsDecode(_ f: FloatFormat) {
        for d in allDecoded(f) where d.isFinite {
            let code = f.exactCode(of: d.value!)
            let expected = (d.floatClass == .zero && !f.hasNegativeZero) ? 0 : d.code
            #expect(code == expected, "\(f.name) 0x\(String(d.code, radix: 16))")
        }
        #expect(f.exactCode(of: Dyadic.sum(f.maxFinite, f.ulp(at: f.maxFinite))) == nil)
    }

    @Test func float16DecodeMatchesSwiftFloat16() throws {
        for code in UInt64(0)...0xFFFF {
            let h = Float16(bitPattern: UInt16(code))
            let d = FloatFormat.float16.decodeUnchecked(code)
            if h.isNaN { #expect(d.floatClass == .nan); continue }
            if h.isInfinite { #expect(d.floatClass == .infinity && d.isNegative == (h < 0)); continue }
            #expect(d.value == Dyadic(exactly: Double(h)))
            #expect(d.floatClass == (h.isZero ? .zero : h.isSubnormal ? .subnormal : .normal))
            #expect(try FloatFormat.float16.nextUp(code).map { UInt16($0) } == (h.nextUp.isNaN || h == .infinity ? nil : h.nextUp.bitPattern) || h == .infinity)
        }
    }

    @Test func float32AndBfloat16DecodeMatchSwiftFloat() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<200_000 {
            let bits = UInt32(truncatingIfNeeded: rng.next())
            let x = Float(bitPattern: bits)
            let d = FloatFormat.float32.decodeUnchecked(UInt64(bits))
            if x.isFinite { #expect(d.value == Dyadic(exactly: Double(x))) } else { #expect(!d.isFinite) }
            let b = Float(bitPattern: bits & 0xFFFF_0000)
            let bd = FloatFormat.bfloat16.decodeUnchecked(UInt64(bits >> 16))
            if b.isFinite { #expect(bd.value == Dyadic(exactly: Double(b))) } else { #expect(bd.isNaN == b.isNaN) }
        }
    }
}

extension FloatFormat.Decoded {
    var isNaN: Bool { floatClass == .nan }
}
