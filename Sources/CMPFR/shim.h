#ifndef FLOATLAB_CMPFR_SHIM_H
#define FLOATLAB_CMPFR_SHIM_H

#include <stdint.h>
#include <stdio.h>
#define MPFR_USE_INTMAX_T 1
#include <gmp.h>
#include <mpfr.h>
#include <stdlib.h>

/* Macros and variadic functions of MPFR that Swift cannot import directly. */

static inline int floatlab_mpfr_signbit(mpfr_srcptr x) { return mpfr_signbit(x); }
static inline int floatlab_mpfr_sgn(mpfr_srcptr x) { return mpfr_sgn(x); }
static inline mpfr_prec_t floatlab_mpfr_get_prec(mpfr_srcptr x) { return mpfr_get_prec(x); }
static inline mpfr_exp_t floatlab_mpfr_get_exp(mpfr_srcptr x) { return mpfr_get_exp(x); }

/* Set x to m * 2^e exactly when x has enough precision (m up to 64 bits). */
static inline int floatlab_mpfr_set_ui64_2exp(mpfr_ptr x, unsigned long long m, long e, mpfr_rnd_t rnd) {
    return mpfr_set_uj_2exp(x, (uintmax_t)m, (intmax_t)e, rnd);
}

/* The integer value of x (which must be an integer below 2^64), and x * 2^e exactly. */
static inline unsigned long long floatlab_mpfr_get_ui64(mpfr_srcptr x) { return (unsigned long long)mpfr_get_uj(x, MPFR_RNDZ); }

/* Frees a string returned by mpfr_get_str. */
static inline void floatlab_mpfr_free_str(char *s) { mpfr_free_str(s); }

/* The mode names, as int constants (the enum is imported, these keep call sites short). */
static inline mpfr_rnd_t floatlab_rndn(void) { return MPFR_RNDN; }
static inline mpfr_rnd_t floatlab_rndz(void) { return MPFR_RNDZ; }
static inline mpfr_rnd_t floatlab_rndu(void) { return MPFR_RNDU; }
static inline mpfr_rnd_t floatlab_rndd(void) { return MPFR_RNDD; }
static inline mpfr_rnd_t floatlab_rnda(void) { return MPFR_RNDA; }

/* Integer rounding of an MPFR number (mpfr_round is ties away from zero). */
static inline int floatlab_mpfr_round_away(mpfr_ptr r, mpfr_srcptr x) { return mpfr_round(r, x); }
static inline int floatlab_mpfr_trunc(mpfr_ptr r, mpfr_srcptr x) { return mpfr_trunc(r, x); }
static inline int floatlab_mpfr_ceil(mpfr_ptr r, mpfr_srcptr x) { return mpfr_ceil(r, x); }
static inline int floatlab_mpfr_floor(mpfr_ptr r, mpfr_srcptr x) { return mpfr_floor(r, x); }

#endif
