/*
 * The fuzz driver of the upload readers: every input is read whole and
 * in chunks of a size taken from its first byte, and both readings must
 * deliver the same rows and the same outcome.  Rows must be numbered in
 * order, within the field cap, valid UTF-8, and complete unless marked
 * bad.  Define READER as csv or json (the reader upload_READER_*)
 * before including this.
 */
#ifndef AWARD_FUZZ_UPLOAD_H
#define AWARD_FUZZ_UPLOAD_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch/upload.h"

#define FUZZ_PASTE(a, b, c)	a##b##c
#define FUZZ_NAME(a, b, c)	FUZZ_PASTE(a, b, c)
#define READER_TYPE		FUZZ_NAME(upload_, READER, )
#define READER_CALL(verb)	FUZZ_NAME(upload_, READER, _##verb)

#define FUZZ_CHUNKS	17	/* chunk sizes tried: 1 to 17 */
#define FUZZ_SMALL	0x80	/* first-byte bit: small limits */
#define FUZZ_FIELD	16
#define FUZZ_ROWS	5
#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

struct fuzz_sum {
	uint64_t	 hash;
	size_t		 last;
	size_t		 max_field;
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
fuzz_row(const struct upload_row *r, void *arg)
{
	struct fuzz_sum	*s = arg;
	size_t		 f, len;

	if (r->index != s->last + 1)
		abort();
	s->last = r->index;
	for (f = 0; f < UPLOAD_COL__MAX; f++) {
		if (r->field[f] == NULL) {
			fuzz_mix(&s->hash, "~", 1);
			continue;
		}
		len = strlen(r->field[f]);
		if (len > s->max_field ||
		    upload_utf8_span(r->field[f], len) != len)
			abort();
		fuzz_mix(&s->hash, r->field[f], len + 1);
	}
	if (r->error != NULL)
		fuzz_mix(&s->hash, r->error, strlen(r->error));
	else if (r->field[UPLOAD_COL_AWARD_CODE] == NULL ||
	    r->field[UPLOAD_COL_DATE] == NULL)
		abort();
	return 0;
}

static enum upload_err
fuzz_read(const uint8_t *d, size_t n, size_t chunk,
    const struct upload_limits *lim, struct fuzz_sum *s, uint64_t *msg)
{
	struct READER_TYPE	*p;
	enum upload_err		 err = UPLOAD_OK;
	size_t			 off = 0, k;

	memset(s, 0, sizeof(*s));
	s->hash = FNV_OFFSET;
	s->max_field = lim->max_field;
	if ((p = READER_CALL(new)(lim, fuzz_row, s)) == NULL)
		abort();
	while (off < n && err == UPLOAD_OK) {
		k = n - off < chunk ? n - off : chunk;
		err = READER_CALL(feed)(p, d + off, k);
		off += k;
	}
	if (err == UPLOAD_OK)
		err = READER_CALL(finish)(p);
	if (READER_CALL(rows)(p) != s->last)
		abort();
	*msg = FNV_OFFSET;
	fuzz_mix(msg, READER_CALL(message)(p), strlen(READER_CALL(message)(p)));
	READER_CALL(free)(p);
	return err;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct upload_limits	 lim;
	struct fuzz_sum		 whole, chunked;
	uint64_t		 m1, m2;
	enum upload_err		 e1, e2;

	if (size == 0)
		return 0;
	upload_limits_default(&lim);
	if (data[0] & FUZZ_SMALL) {
		lim.max_field = FUZZ_FIELD;
		lim.max_rows = FUZZ_ROWS;
	}
	e1 = fuzz_read(data + 1, size - 1, size, &lim, &whole, &m1);
	e2 = fuzz_read(data + 1, size - 1, 1 + data[0] % FUZZ_CHUNKS, &lim,
	    &chunked, &m2);
	if (e1 != e2 || m1 != m2 || whole.hash != chunked.hash ||
	    whole.last != chunked.last)
		abort();
	return 0;
}

#endif
