#include "config.h"

#include <string.h>

#include "common/buf.h"
#include "db/rowcodec.h"

#define FIELD_SEP	'\x1f'
#define ESCAPE		'\\'
#define ESCAPED_SEP	'u'

int
rowcodec_encode(struct buf *b, const char *const *fields, size_t n)
{
	const char	*p, *run;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (i > 0 && buf_putc(b, FIELD_SEP) == -1)
			return -1;
		if ((p = fields[i]) == NULL)
			continue;
		for (run = p; *p != '\0'; p++) {
			if (*p != ESCAPE && *p != FIELD_SEP)
				continue;
			if (buf_append(b, run, (size_t)(p - run)) == -1 ||
			    buf_putc(b, ESCAPE) == -1 ||
			    buf_putc(b, *p == ESCAPE ? ESCAPE :
			    ESCAPED_SEP) == -1)
				return -1;
			run = p + 1;
		}
		if (buf_append(b, run, (size_t)(p - run)) == -1)
			return -1;
	}
	return 0;
}

int
rowcodec_decode(char *text, const char **fields, size_t n)
{
	char	*r = text, *w = text;
	size_t	 i = 0;

	fields[0] = w;
	for (;; r++) {
		if (*r == ESCAPE && (r[1] == ESCAPE || r[1] == ESCAPED_SEP)) {
			*w++ = r[1] == ESCAPE ? ESCAPE : FIELD_SEP;
			r++;
			continue;
		}
		if (*r != FIELD_SEP && *r != '\0') {
			*w++ = *r;
			continue;
		}
		if (fields[i] == w)
			fields[i] = NULL;
		if (*r == '\0') {
			*w = '\0';
			break;
		}
		*w++ = '\0';
		if (++i == n)
			return -1;
		fields[i] = w;
	}
	return i + 1 == n ? 0 : -1;
}
