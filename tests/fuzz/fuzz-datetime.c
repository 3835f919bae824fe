/*
 * Fuzzes the date, time and number parsers with text they did not
 * expect.  What they accept must format back and parse again to the
 * same value.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/datetime.h"
#include "common/util.h"

#define FUZZ_TEXT_MAX	64	/* longer text is cut: none is valid */
#define FUZZ_SCALES	6	/* decimal scales tried: 0 to 5 */
#define FUZZ_NUM_LEN	48	/* a formatted decimal */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_dates(const char *s)
{
	char	 out[DATE_STRLEN];
	int	 days, again;

	if (date_parse_any(s, &days) == 0) {
		date_format(days, out);
		if (date_parse_iso(out, &again) != 0 || again != days)
			abort();
	}
	if (date_parse_iso(s, &days) == 0) {
		date_format(days, out);
		if (strcmp(out, s) != 0)
			abort();
	}
}

static void
fuzz_times(const char *s)
{
	char	 out[TIME_STRLEN];
	int	 m, again;

	if (time_parse(s, &m) != 0)
		return;
	if (m < 0 || m >= MINUTES_PER_DAY)
		abort();
	time_format(m, out);
	if (time_parse(out, &again) != 0 || again != m)
		abort();
}

/* A scaled integer back to decimal text: 12345, 2 -> "123.45". */
static void
fuzz_format_decimal(long long v, int scale, char *out, size_t outlen)
{
	unsigned long long	 u, p = 1;
	int			 i;

	for (i = 0; i < scale; i++)
		p *= 10;
	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	if (scale == 0)
		snprintf(out, outlen, "%s%llu", v < 0 ? "-" : "", u);
	else
		snprintf(out, outlen, "%s%llu.%0*llu", v < 0 ? "-" : "",
		    u / p, scale, u % p);
}

static void
fuzz_numbers(const char *s, int scale, long long limit)
{
	char		 out[FUZZ_NUM_LEN];
	long long	 v, again;

	if (parse_decimal(s, scale, limit, &v) == 0) {
		if (v > limit || v < -limit)
			abort();
		fuzz_format_decimal(v, scale, out, sizeof(out));
		if (parse_decimal(out, scale, limit, &again) != 0 ||
		    again != v)
			abort();
	}
	if (parse_long(s, -limit, limit, &v) == 0 && (v > limit ||
	    v < -limit))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The limits the product passes, and the largest there is. */
	static const long long limits[] = {
		1000000000LL, 100000LL, 99999999999LL,
		LLONG_MAX / 1000, LLONG_MAX,
	};
	char	 s[FUZZ_TEXT_MAX + 1];
	int	 scale;
	size_t	 n;

	if (size < 2)
		return 0;
	scale = data[0] % FUZZ_SCALES;
	n = size - 2 < FUZZ_TEXT_MAX ? size - 2 : FUZZ_TEXT_MAX;
	memcpy(s, data + 2, n);
	s[n] = '\0';

	fuzz_dates(s);
	fuzz_times(s);
	fuzz_numbers(s, scale,
	    limits[data[1] % (sizeof(limits) / sizeof(limits[0]))]);
	return 0;
}
