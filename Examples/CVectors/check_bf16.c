/* Checks two float32 -> bfloat16 conversions against FloatLab's test vectors:
 * a correct one (round to nearest even, NaNs quietened with their sign and top
 * payload bits) and a deliberately wrong one (truncation). Build with
 *
 *   floatlab vectors --from float32 --to bfloat16 --as c-header -o vectors.h
 *   cc -std=c99 -Wall -Wextra -I. check_bf16.c -o check_bf16 && ./check_bf16
 *
 * It prints one line per conversion ("NAME: F of N vectors fail", then the
 * first failures) and exits 0 when the correct one passes every vector and the
 * wrong one fails some: the vectors catch the bug. */
#include <stdint.h>
#include <stdio.h>
#include "vectors.h"

typedef uint16_t (*converter)(uint32_t);

static uint16_t nearest_even(uint32_t x) {
    if ((x & 0x7FFFFFFFu) > 0x7F800000u) return (uint16_t)((x >> 16) | 0x0040u); /* NaN: quiet, sign and top payload kept */
    uint32_t lsb = (x >> 16) & 1u;
    return (uint16_t)((x + 0x7FFFu + lsb) >> 16);
}

static uint16_t truncation(uint32_t x) {
    if ((x & 0x7FFFFFFFu) > 0x7F800000u) return (uint16_t)((x >> 16) | 0x0040u);
    return (uint16_t)(x >> 16);
}

static size_t check(const char *name, converter f) {
    size_t failures = 0;
    for (size_t i = 0; i < floatlab_float32_to_bfloat16_count; i++) {
        const struct floatlab_float32_to_bfloat16_vector *v = &floatlab_float32_to_bfloat16_vectors[i];
        uint16_t got = f(v->input);
        if (got != v->expected) {
            if (failures < 3) printf("  %s: input 0x%08X: expected 0x%04X, got 0x%04X\n", name, (unsigned)v->input, (unsigned)v->expected, (unsigned)got);
            failures++;
        }
    }
    printf("%s: %zu of %zu vectors fail\n", name, failures, (size_t)floatlab_float32_to_bfloat16_count);
    return failures;
}

int main(void) {
    size_t good = check("nearest-even", nearest_even);
    size_t bad = check("truncation", truncation);
    return good == 0 && bad > 0 ? 0 : 1;
}
