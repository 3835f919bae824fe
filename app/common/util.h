/*
 * Checked number parsing, and the few cryptographic helpers the
 * product needs (random identifiers, secret hashes, constant-time
 * comparison).
 */
#ifndef AWARD_UTIL_H
#define AWARD_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEXLEN	65	/* 64 hex digits and a NUL */
#define UUID_STRLEN	37	/* 36 characters and a NUL */

/* A whole decimal number in [min, max]; return 0 or -1. */
int	parse_long(const char *, long long min, long long max,
	    long long *out);

/*
 * A decimal number such as "12", "-3.5" or "254.625", scaled by
 * 10^scale and rounded half away from zero, so "254.625" with scale 2
 * gives 25463.  No exponents, no spaces.  Return 0, or -1 when the
 * text is not such a number or its magnitude passes limit.
 */
int	parse_decimal(const char *, int scale, long long limit,
	    long long *out);

/* Lower-case hex of n bytes into out, which holds 2n+1. */
void	hex_encode(const uint8_t *, size_t n, char *out);
int	is_hex_lower(const char *, size_t n);

int	random_bytes(void *, size_t);
int	random_hex(char *out, size_t nbytes);
int	uuid_v4(char out[UUID_STRLEN]);
int	uuid_valid(const char *);

void	sha256_hex(const void *, size_t, char out[SHA256_HEXLEN]);
/* 1 when equal; the time taken does not depend on the contents. */
int	ct_equal(const void *, const void *, size_t);

/* Seconds and nanoseconds of the monotonic clock, as milliseconds. */
double	clock_ms(void);

#endif
