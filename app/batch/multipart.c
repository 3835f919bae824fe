/*
 * multipart/form-data, streaming.  The body is scanned for the
 * delimiter CRLF "--" boundary; bytes that might begin a delimiter are
 * held back only as a count of matched delimiter bytes, since their
 * text is the delimiter's own, so no part is ever buffered.  Only a
 * part's headers are kept, up to a cap.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/multipart.h"
#include "batch/upload.h"
#include "common/buf.h"

#define MP_DELIM_PREFIX	"\r\n--"
#define MP_PREFIX_LEN	4
#define MP_CRLF_LEN	2
#define MP_PARAM_LEN	32	/* the longest parameter name kept */
#define MP_UTF8_MAX	4	/* bytes in a UTF-8 character */
#define ASCII_DEL	0x7f
#define MP_FORM_TYPE	"multipart/form-data"

enum mp_state {
	MP_BODY,	/* a part's data, or the preamble */
	MP_TAIL,	/* after a boundary: "--", or padding and CRLF */
	MP_HEADERS,
	MP_EPILOGUE	/* after the closing boundary */
};

enum mp_tail {
	TAIL_START,
	TAIL_DASH,	/* one '-' seen */
	TAIL_PAD,	/* white space seen */
	TAIL_CR		/* CR seen */
};

struct multipart {
	char			 delim[MP_PREFIX_LEN +
				    MULTIPART_BOUNDARY_MAX + 1];
	size_t			 dlen;
	size_t			 match;	/* delimiter bytes held back */
	enum mp_state		 state;
	enum mp_tail		 tail;

	struct buf		 hdr;	/* the current part's headers */
	size_t			 line;	/* where its current line starts */
	int			 has_disp;
	int			 is_file;
	char			 ptype[MULTIPART_TYPE_LEN];
	char			 pfilename[MULTIPART_FILENAME_LEN];

	int			 in_file; /* the data now is the file's */
	int			 seen_file;
	char			 filename[MULTIPART_FILENAME_LEN];
	char			 ctype[MULTIPART_TYPE_LEN];
	struct multipart_file	 file;

	multipart_data_cb	 cb;
	void			*arg;
	enum multipart_err	 err;
	char			 msg[MULTIPART_MSG_LEN];
	int			 finished;
};

static void __attribute__((format(printf, 3, 4)))
mp_fail(struct multipart *p, enum multipart_err err, const char *fmt, ...)
{
	va_list	 ap;

	if (p->err != MULTIPART_OK)
		return;
	p->err = err;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
}

static int
mp_is_space(char c)
{
	return c == ' ' || c == '\t';
}

static char
mp_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive: do the n bytes at s spell word? */
static int
mp_word_is(const char *s, size_t n, const char *word)
{
	size_t	 i;

	if (strlen(word) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (mp_lower(s[i]) != word[i])
			return 0;
	return 1;
}

/* An RFC 2616 token character. */
static int
mp_is_token(char c)
{
	return c > ' ' && c < ASCII_DEL &&
	    strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

/* Appends c to out (outlen), NUL-terminated; 1 when it is full. */
static int
mp_copy(char *out, size_t outlen, size_t *used, char c)
{
	if (*used + 1 >= outlen)
		return 1;
	out[(*used)++] = c;
	out[*used] = '\0';
	return 0;
}

/*
 * A quoted-string.  Only \" and \\ are escapes: browsers on Windows
 * have sent file paths with bare backslashes.
 */
static int
mp_quoted(const char **sp, char *out, size_t outlen, int *cut)
{
	const char	*s = *sp + 1;
	size_t		 used = 0;

	for (;; s++) {
		if (*s == '\0')
			return -1;
		if (*s == '"')
			break;
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*cut |= mp_copy(out, outlen, &used, *s);
	}
	*sp = s + 1;
	return 0;
}

/*
 * The next "; name=value" of a header value.  Return 1 with a pair, 0
 * at the end, -1 when malformed; *cut tells that the value did not
 * fit.  Unquoted values are taken up to ';' or white space.
 */
static int
mp_param_next(const char **sp, char name[MP_PARAM_LEN], char *value,
    size_t valuelen, int *cut)
{
	const char	*s = *sp;
	size_t		 used = 0;
	int		 namecut = 0;

	*cut = 0;
	name[0] = value[0] = '\0';
	while (mp_is_space(*s))
		s++;
	if (*s == '\0')
		return 0;
	if (*s++ != ';')
		return -1;
	while (mp_is_space(*s))
		s++;
	if (*s == '\0') {
		*sp = s;
		return 0;	/* a trailing ';' */
	}
	if (!mp_is_token(*s))
		return -1;
	while (mp_is_token(*s))
		namecut |= mp_copy(name, MP_PARAM_LEN, &used, mp_lower(*s++));
	if (namecut)
		name[0] = '\0';	/* no parameter we read is that long */
	while (mp_is_space(*s))
		s++;
	if (*s++ != '=')
		return -1;
	while (mp_is_space(*s))
		s++;
	used = 0;
	if (*s == '"') {
		if (mp_quoted(&s, value, valuelen, cut) == -1)
			return -1;
	} else {
		if (*s == '\0' || *s == ';' || mp_is_space(*s))
			return -1;
		while (*s != '\0' && *s != ';' && !mp_is_space(*s))
			*cut |= mp_copy(value, valuelen, &used, *s++);
	}
	*sp = s;
	return 1;
}

/* The media type of a header value, up to ';'; s moves past it. */
static int
mp_type_is(const char **sp, const char *type)
{
	const char	*s = *sp, *start;
	size_t		 n;

	while (mp_is_space(*s))
		s++;
	start = s;
	while (*s != '\0' && *s != ';' && !mp_is_space(*s))
		s++;
	n = (size_t)(s - start);
	*sp = s;
	return mp_word_is(start, n, type);
}

static int
mp_boundary_valid(const char *b)
{
	size_t	 i, n = strlen(b);

	if (n == 0 || n > MULTIPART_BOUNDARY_MAX || b[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!((b[i] >= '0' && b[i] <= '9') ||
		    (b[i] >= 'a' && b[i] <= 'z') ||
		    (b[i] >= 'A' && b[i] <= 'Z') ||
		    strchr("'()+_,-./:=? ", b[i]) != NULL))
			return 0;
	return 1;
}

int
multipart_boundary(const char *ctype, char *out, size_t outlen)
{
	char		 name[MP_PARAM_LEN], value[MULTIPART_BOUNDARY_LEN];
	const char	*s = ctype;
	int		 rc, cut, found = 0;

	if (ctype == NULL || outlen < MULTIPART_BOUNDARY_LEN ||
	    !mp_type_is(&s, MP_FORM_TYPE))
		return -1;
	while ((rc = mp_param_next(&s, name, value, sizeof(value),
	    &cut)) == 1) {
		if (strcmp(name, "boundary") != 0)
			continue;
		if (found || cut || !mp_boundary_valid(value))
			return -1;
		memcpy(out, value, strlen(value) + 1);
		found = 1;
	}
	return rc == 0 && found ? 0 : -1;
}

struct multipart *
multipart_new(const char *boundary, multipart_data_cb cb, void *arg)
{
	struct multipart	*p;

	if (boundary == NULL || !mp_boundary_valid(boundary))
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	memcpy(p->delim, MP_DELIM_PREFIX, MP_PREFIX_LEN);
	memcpy(p->delim + MP_PREFIX_LEN, boundary, strlen(boundary) + 1);
	p->dlen = strlen(p->delim);
	/* The first delimiter may open the body: act as if after CRLF. */
	p->match = MP_CRLF_LEN;
	p->state = MP_BODY;
	buf_init(&p->hdr, MULTIPART_MAX_HEADERS);
	p->cb = cb;
	p->arg = arg;
	p->file.filename = p->filename;
	p->file.content_type = p->ctype;
	return p;
}

void
multipart_free(struct multipart *p)
{
	if (p == NULL)
		return;
	buf_free(&p->hdr);
	free(p);
}

const char *
multipart_message(const struct multipart *p)
{
	return p->msg;
}

const struct multipart_file *
multipart_file(const struct multipart *p)
{
	return p->seen_file ? &p->file : NULL;
}

/* Passes file data on; other parts' data is dropped. */
static void
mp_emit(struct multipart *p, const char *s, size_t n)
{
	if (!p->in_file || n == 0 || p->err != MULTIPART_OK)
		return;
	if (p->cb != NULL && p->cb(&p->file, s, n, p->arg) != 0)
		mp_fail(p, MULTIPART_ERR_ABORTED,
		    "reading stopped by the caller");
}

/*
 * Emits the data before the held-back bytes: the carry bytes held
 * from earlier chunks come first, then the first n of this chunk.
 */
static void
mp_emit_before(struct multipart *p, size_t carry, const char *s,
    size_t n, size_t held)
{
	if (held <= n) {
		mp_emit(p, p->delim, carry);
		mp_emit(p, s, n - held);
	} else
		mp_emit(p, p->delim, carry + n - held);
}

/* Scans data for the delimiter; return the bytes used. */
static size_t
mp_scan_body(struct multipart *p, const char *s, size_t len)
{
	size_t	 carry = p->match, i;

	for (i = 0; i < len; i++) {
		if (s[i] == p->delim[p->match]) {
			if (++p->match < p->dlen)
				continue;
			mp_emit_before(p, carry, s, i + 1, p->dlen);
			p->match = 0;
			p->in_file = 0;
			p->state = MP_TAIL;
			p->tail = TAIL_START;
			return i + 1;
		}
		/* CR begins the delimiter and appears nowhere else in it. */
		if (p->match > 0)
			p->match = s[i] == p->delim[0] ? 1 : 0;
	}
	mp_emit_before(p, carry, s, len, p->match);
	return len;
}

/* One byte after a boundary. */
static void
mp_scan_tail(struct multipart *p, char c)
{
	if (p->tail == TAIL_START && c == '-')
		p->tail = TAIL_DASH;
	else if (p->tail == TAIL_DASH && c == '-')
		p->state = MP_EPILOGUE;
	else if ((p->tail == TAIL_START || p->tail == TAIL_PAD) &&
	    mp_is_space(c))
		p->tail = TAIL_PAD;
	else if ((p->tail == TAIL_START || p->tail == TAIL_PAD) && c == '\r')
		p->tail = TAIL_CR;
	else if (p->tail == TAIL_CR && c == '\n') {
		p->state = MP_HEADERS;
		buf_reset(&p->hdr);
		p->line = 0;
		p->has_disp = p->is_file = 0;
		p->ptype[0] = p->pfilename[0] = '\0';
	} else
		mp_fail(p, MULTIPART_ERR_MALFORMED,
		    "unexpected text after a boundary");
}

/* The length of the valid UTF-8 character at s, or 0. */
static size_t
mp_char_len(const char *s)
{
	size_t	 n, have = strnlen(s, MP_UTF8_MAX);

	for (n = 1; n <= have; n++)
		if (upload_utf8_span(s, n) == n)
			return n;
	return 0;
}

/* A filename without directories, printable and valid UTF-8. */
static void
mp_clean_filename(const char *in, char *out, size_t outlen)
{
	const char	*base = in, *s;
	size_t		 n = 0, clen;

	for (s = in; *s != '\0'; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	for (s = base; *s != '\0'; s += clen == 0 ? 1 : clen) {
		clen = mp_char_len(s);
		if (n + (clen == 0 ? 1 : clen) >= outlen)
			break;
		if (clen == 0)
			out[n++] = '?';
		else if ((unsigned char)*s < ' ' || *s == ASCII_DEL)
			out[n++] = '_';
		else {
			memcpy(out + n, s, clen);
			n += clen;
		}
	}
	out[n] = '\0';
}

static void
mp_disposition(struct multipart *p, const char *v)
{
	char	 name[MP_PARAM_LEN], value[MULTIPART_FILENAME_LEN];
	int	 rc, cut;

	if (p->has_disp) {
		mp_fail(p, MULTIPART_ERR_MALFORMED,
		    "a part has two Content-Disposition headers");
		return;
	}
	p->has_disp = 1;
	if (!mp_type_is(&v, "form-data")) {
		mp_fail(p, MULTIPART_ERR_MALFORMED,
		    "a part's Content-Disposition is not form-data");
		return;
	}
	while ((rc = mp_param_next(&v, name, value, sizeof(value),
	    &cut)) == 1) {
		if (strcmp(name, "name") == 0)
			p->is_file = !cut &&
			    strcmp(value, MULTIPART_FIELD) == 0;
		else if (strcmp(name, "filename") == 0)
			mp_clean_filename(value, p->pfilename,
			    sizeof(p->pfilename));
	}
	if (rc == -1)
		mp_fail(p, MULTIPART_ERR_MALFORMED,
		    "a part's Content-Disposition is malformed");
}

/* One header line, without its CRLF. */
static void
mp_header_line(struct multipart *p, const char *s, size_t len)
{
	const char	*colon, *v;
	size_t		 vlen;

	if (memchr(s, '\r', len) != NULL || memchr(s, '\0', len) != NULL ||
	    (colon = memchr(s, ':', len)) == NULL || colon == s ||
	    mp_is_space(s[0])) {
		mp_fail(p, MULTIPART_ERR_MALFORMED,
		    "a part header is malformed");
		return;
	}
	v = colon + 1;
	if (mp_word_is(s, (size_t)(colon - s), "content-disposition"))
		mp_disposition(p, v);
	else if (mp_word_is(s, (size_t)(colon - s), "content-type")) {
		while (mp_is_space(*v))
			v++;
		vlen = strlen(v);
		while (vlen > 0 && mp_is_space(v[vlen - 1]))
			vlen--;
		if (vlen >= sizeof(p->ptype))
			vlen = sizeof(p->ptype) - 1;
		memcpy(p->ptype, v, vlen);
		p->ptype[vlen] = '\0';
	}
}

/* The headers are complete: is this the file? */
static void
mp_headers_end(struct multipart *p)
{
	if (!p->has_disp) {
		mp_fail(p, MULTIPART_ERR_MALFORMED,
		    "a part has no Content-Disposition header");
		return;
	}
	p->state = MP_BODY;
	if (!p->is_file)
		return;
	if (p->seen_file) {
		mp_fail(p, MULTIPART_ERR_TWO_FILES,
		    "the form has more than one part named \"%s\"",
		    MULTIPART_FIELD);
		return;
	}
	p->seen_file = p->in_file = 1;
	memcpy(p->filename, p->pfilename, sizeof(p->filename));
	memcpy(p->ctype, p->ptype, sizeof(p->ctype));
	if (p->cb != NULL && p->cb(&p->file, "", 0, p->arg) != 0)
		mp_fail(p, MULTIPART_ERR_ABORTED,
		    "reading stopped by the caller");
}

/* One byte of headers. */
static void
mp_scan_header(struct multipart *p, char c)
{
	char	*line;
	size_t	 len;

	if (buf_putc(&p->hdr, c) == -1) {
		mp_fail(p, MULTIPART_ERR_HEADERS_TOO_LARGE,
		    "a part's headers are longer than %d bytes",
		    MULTIPART_MAX_HEADERS);
		return;
	}
	if (c != '\n')
		return;

	line = p->hdr.data + p->line;
	len = p->hdr.len - p->line;
	if (len < MP_CRLF_LEN || line[len - MP_CRLF_LEN] != '\r') {
		mp_fail(p, MULTIPART_ERR_MALFORMED,
		    "a part header line does not end in CRLF");
		return;
	}
	len -= MP_CRLF_LEN;
	line[len] = '\0';
	p->line = p->hdr.len;
	if (len == 0)
		mp_headers_end(p);
	else
		mp_header_line(p, line, len);
}

enum multipart_err
multipart_feed(struct multipart *p, const void *data, size_t len)
{
	const char	*s = data;
	size_t		 i = 0;

	if (p->err != MULTIPART_OK || p->finished || len == 0)
		return p->err;
	while (i < len && p->err == MULTIPART_OK) {
		switch (p->state) {
		case MP_BODY:
			i += mp_scan_body(p, s + i, len - i);
			break;
		case MP_TAIL:
			mp_scan_tail(p, s[i++]);
			break;
		case MP_HEADERS:
			mp_scan_header(p, s[i++]);
			break;
		case MP_EPILOGUE:
			i = len;
			break;
		}
	}
	return p->err;
}

enum multipart_err
multipart_finish(struct multipart *p)
{
	if (p->err != MULTIPART_OK || p->finished)
		return p->err;
	p->finished = 1;
	if (p->state != MP_EPILOGUE)
		mp_fail(p, MULTIPART_ERR_UNTERMINATED,
		    "the body ends before the closing boundary");
	else if (!p->seen_file)
		mp_fail(p, MULTIPART_ERR_NO_FILE,
		    "the form has no part named \"%s\"", MULTIPART_FIELD);
	return p->err;
}
