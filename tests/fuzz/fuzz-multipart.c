/*
 * Fuzzes the multipart reader.  With the first byte odd, the input's
 * first line is a Content-Type to take the boundary from; otherwise a
 * fixed boundary is used.  The body is read whole and in chunks of a
 * size taken from the first byte, and both readings must give the
 * same file data, details and outcome.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch/multipart.h"

#define FUZZ_CHUNKS	23	/* chunk sizes tried: 1 to 23 */
#define FUZZ_BOUNDARY	"XyZ123"
#define FUZZ_CTYPE_MAX	256
#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

struct fuzz_sum {
	uint64_t	 hash;
	size_t		 begins;
	size_t		 bytes;
};

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char	*u = p;

	while (n-- > 0)
		*h = (*h ^ *u++) * FNV_PRIME;
}

static int
fuzz_data(const struct multipart_file *f, const void *data, size_t len,
    void *arg)
{
	struct fuzz_sum	*s = arg;

	if (len == 0) {
		s->begins++;
		if (strlen(f->filename) >= MULTIPART_FILENAME_LEN ||
		    strlen(f->content_type) >= MULTIPART_TYPE_LEN)
			abort();
		fuzz_mix(&s->hash, f->filename, strlen(f->filename) + 1);
		fuzz_mix(&s->hash, f->content_type,
		    strlen(f->content_type) + 1);
	}
	if (s->begins != 1)
		abort();
	s->bytes += len;
	fuzz_mix(&s->hash, data, len);
	return 0;
}

static enum multipart_err
fuzz_read(const char *boundary, const uint8_t *d, size_t n, size_t chunk,
    struct fuzz_sum *s, uint64_t *msg)
{
	struct multipart	*p;
	enum multipart_err	 err = MULTIPART_OK;
	size_t			 off = 0, k;

	memset(s, 0, sizeof(*s));
	s->hash = FNV_OFFSET;
	if ((p = multipart_new(boundary, fuzz_data, s)) == NULL)
		abort();
	while (off < n && err == MULTIPART_OK) {
		k = n - off < chunk ? n - off : chunk;
		err = multipart_feed(p, d + off, k);
		off += k;
	}
	if (err == MULTIPART_OK)
		err = multipart_finish(p);
	if (err == MULTIPART_OK && multipart_file(p) == NULL)
		abort();
	*msg = FNV_OFFSET;
	fuzz_mix(msg, multipart_message(p), strlen(multipart_message(p)));
	multipart_free(p);
	return err;
}

/* Splits off a first line as a Content-Type; 0 when it has none. */
static int
fuzz_boundary(const uint8_t **d, size_t *n, char *out, size_t outlen)
{
	char		 ctype[FUZZ_CTYPE_MAX];
	const uint8_t	*nl;
	size_t		 len;

	if ((nl = memchr(*d, '\n', *n)) == NULL)
		return 0;
	len = (size_t)(nl - *d);
	if (len >= sizeof(ctype) || memchr(*d, '\0', len) != NULL)
		return 0;
	memcpy(ctype, *d, len);
	ctype[len] = '\0';
	*n -= len + 1;
	*d = nl + 1;
	if (multipart_boundary(ctype, out, outlen) == -1)
		return 0;
	if (strlen(out) == 0 || strlen(out) > MULTIPART_BOUNDARY_MAX)
		abort();
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			 boundary[MULTIPART_BOUNDARY_LEN];
	struct fuzz_sum		 whole, chunked;
	const uint8_t		*d;
	size_t			 n, chunk;
	uint64_t		 m1, m2;
	enum multipart_err	 e1, e2;

	if (size == 0)
		return 0;
	chunk = 1 + data[0] % FUZZ_CHUNKS;
	d = data + 1;
	n = size - 1;
	if (data[0] & 1) {
		if (!fuzz_boundary(&d, &n, boundary, sizeof(boundary)))
			return 0;
	} else
		memcpy(boundary, FUZZ_BOUNDARY, sizeof(FUZZ_BOUNDARY));

	e1 = fuzz_read(boundary, d, n, n + 1, &whole, &m1);
	e2 = fuzz_read(boundary, d, n, chunk, &chunked, &m2);
	if (e1 != e2 || m1 != m2 || whole.hash != chunked.hash ||
	    whole.bytes != chunked.bytes || whole.begins != chunked.begins)
		abort();
	return 0;
}
