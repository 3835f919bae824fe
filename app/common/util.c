#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "common/util.h"

int
parse_long(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* v * 10 + d, or -1 when that passes limit (never overflowing). */
static int
decimal_push(long long *v, int d, long long limit)
{
	if (*v > (limit - d) / 10)
		return -1;
	*v = *v * 10 + d;
	return 0;
}

int
parse_decimal(const char *s, int scale, long long limit, long long *out)
{
	long long	 v = 0;
	int		 neg = 0, ndig = 0, frac = 0, roundup = 0;

	if (s == NULL || scale < 0 || scale > 9 || limit < 0)
		return -1;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, ndig++)
		if (decimal_push(&v, *s - '0', limit) == -1)
			return -1;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return -1;
		for (; *s >= '0' && *s <= '9'; s++, ndig++) {
			if (frac < scale) {
				if (decimal_push(&v, *s - '0', limit) == -1)
					return -1;
				frac++;
			} else if (frac == scale) {
				roundup = *s >= '5';
				frac++;
			}
		}
	}
	if (*s != '\0' || ndig == 0)
		return -1;
	for (; frac < scale; frac++)
		if (decimal_push(&v, 0, limit) == -1)
			return -1;
	if (roundup && v == limit)
		return -1;
	v += roundup;
	*out = neg ? -v : v;
	return 0;
}

void
hex_encode(const uint8_t *p, size_t n, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 0xf];
	}
	out[2 * n] = '\0';
}

int
is_hex_lower(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

int
random_bytes(void *p, size_t n)
{
	return RAND_bytes(p, (int)n) == 1 ? 0 : -1;
}

int
random_hex(char *out, size_t nbytes)
{
	uint8_t	 raw[64];

	if (nbytes > sizeof(raw) || random_bytes(raw, nbytes) == -1)
		return -1;
	hex_encode(raw, nbytes, out);
	return 0;
}

int
uuid_v4(char out[UUID_STRLEN])
{
	uint8_t	 b[16];
	char	 h[33];

	if (random_bytes(b, sizeof(b)) == -1)
		return -1;
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	hex_encode(b, sizeof(b), h);
	memcpy(out, h, 8);
	out[8] = '-';
	memcpy(out + 9, h + 8, 4);
	out[13] = '-';
	memcpy(out + 14, h + 12, 4);
	out[18] = '-';
	memcpy(out + 19, h + 16, 4);
	out[23] = '-';
	memcpy(out + 24, h + 20, 12);
	out[36] = '\0';
	return 0;
}

int
uuid_valid(const char *s)
{
	size_t	 i;

	if (s == NULL || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return 1;
}

void
sha256_hex(const void *p, size_t n, char out[SHA256_HEXLEN])
{
	uint8_t	 md[SHA256_DIGEST_LENGTH];

	SHA256(p, n, md);
	hex_encode(md, sizeof(md), out);
}

int
ct_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

double
clock_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}
