import Testing
import FloatTypes
import FloatLabTesting
import GenericNumerics

/// The generic kernels on three types, each step checked against MPFR by FloatLabTesting.
@Suite struct GenericNumericsTests {
    @Test("every step of the mean is correctly rounded, in Float, BFloat16 and Float8E4M3FN")
    func meanSteps() {
        func check<T: BinaryFloatingPoint & TestableFloat>(_: T.Type) {
            let xs: [T] = [1, 2, 0.75, 0.5, 3]
            var sum: T = 0
            for x in xs {
                let next = sum + x
                expectCorrectlyRounded(next, .add, sum, x)
                sum = next
            }
            let m = mean(xs)
            expectCorrectlyRounded(m, .div, sum, T(xs.count))
        }
        check(Float.self)
        check(BFloat16.self)
        check(Float8E4M3FN.self)
    }

    @Test("Horner's steps are correctly rounded; the fused form is one rounding per step")
    func horner() {
        func check<T: BinaryFloatingPoint & TestableFloat>(_: T.Type) {
            let c: [T] = [1, 0.5, 0.25, 0.125]   // 1 + x/2 + x²/4 + x³/8
            let x: T = 0.75
            var acc: T = 0
            for coefficient in c.reversed() {
                let product = acc * x
                expectCorrectlyRounded(product, .mul, acc, x)
                let next = product + coefficient
                expectCorrectlyRounded(next, .add, product, coefficient)
                acc = next
            }
            #expect(GenericNumerics.horner(c, at: x) == acc)
            var fused: T = 0
            for coefficient in c.reversed() {
                let next = coefficient.addingProduct(fused, x)
                expectCorrectlyRounded(next, .fma, fused, x, coefficient)
                fused = next
            }
            #expect(hornerFused(c, at: x) == fused)
        }
        check(Float.self)
        check(BFloat16.self)
        check(Float8E4M3FN.self)
    }

    @Test("bfloat16's running sum of 1s stops at 256; Kahan's compensation carries on to the exact 512")
    func kahanBeatsNaive() {
        let ones = [BFloat16](repeating: 1, count: 512)
        #expect(naiveSum(ones) == 256)
        #expect(kahanSum(ones) == 512)
        // In Float both are exact.
        #expect(naiveSum([Float](repeating: 1, count: 512)) == 512)
    }

    @Test("a kernel's conversions of its inputs are correctly rounded from the exact Double")
    func conversions() {
        for d in [0.1, 1.0 / 3, 448.0, 464.0, 1e-3, -2.5] {
            expectCorrectlyRounded(BFloat16(d), converting: d)
            expectCorrectlyRounded(Float8E4M3FN(d), converting: d)
            expectCorrectlyRounded(Float(d), converting: d)
        }
    }
}
