/*
 * The CSV reader: libcsv splits the bytes into fields and rows, and
 * this file maps the header onto the row model, checks encoding and
 * sizes, and hands each data row to the caller.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "batch/upload.h"
#include "common/buf.h"

/*
 * libcsv grows its field buffer without limit, so input goes to it in
 * slices and its buffer is measured after each: a field over the cap
 * is refused having buffered at most a slice and two blocks more.
 * Slices end at fixed offsets of the input, so that the outcome does
 * not depend on how the caller chunks it.
 */
#define CSV_SLICE	1024
#define CSV_BLOCK	512
#define CSV_OPTIONS	(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define CSV_NAME_SHOW	40	/* bytes of a column name in a message */
#define ASCII_DEL	0x7f

struct upload_csv {
	struct csv_parser	 csv;
	struct upload_limits	 lim;
	upload_row_cb		 cb;
	void			*arg;

	enum upload_err		 err;
	char			 msg[UPLOAD_MSG_LEN];
	int			 finished;

	struct upload_intake	 in;
	size_t			 parsed;	/* bytes given to libcsv */

	int			 have_header;
	int			 other_sep;	/* ';' or tab in column 1 */
	size_t			 ncols;
	int			 map[UPLOAD_MAX_COLUMNS]; /* -1: ignored */
	unsigned char		 hdr_has[UPLOAD_COL__MAX];
	size_t			 hdr_pos[UPLOAD_COL__MAX];

	size_t			 nfields;	/* so far in this row */
	int			 nonempty;	/* this row has some text */
	struct buf		 rowbuf;	/* its known fields */
	size_t			 off[UPLOAD_COL__MAX];
	unsigned char		 row_has[UPLOAD_COL__MAX];
	size_t			 rows;		/* data rows delivered */
	char			 rowmsg[UPLOAD_MSG_LEN];
};

static void	csv_on_field(void *, size_t, void *);
static void	csv_on_row(int, void *);

struct upload_csv *
upload_csv_new(const struct upload_limits *lim, upload_row_cb cb,
    void *arg)
{
	struct upload_csv	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	if (csv_init(&p->csv, CSV_OPTIONS) != 0) {
		free(p);
		return NULL;
	}
	csv_set_blk_size(&p->csv, CSV_BLOCK);
	if (lim != NULL)
		p->lim = *lim;
	else
		upload_limits_default(&p->lim);
	p->cb = cb;
	p->arg = arg;
	buf_init(&p->rowbuf, UPLOAD_COL__MAX * (p->lim.max_field + 1));
	return p;
}

void
upload_csv_free(struct upload_csv *p)
{
	if (p == NULL)
		return;
	csv_free(&p->csv);
	buf_free(&p->rowbuf);
	free(p);
}

const char *
upload_csv_message(const struct upload_csv *p)
{
	return p->msg;
}

size_t
upload_csv_rows(const struct upload_csv *p)
{
	return p->rows;
}

/* Stops the reader; only the first error counts. */
static void __attribute__((format(printf, 3, 4)))
csv_fail(struct upload_csv *p, enum upload_err err, const char *fmt, ...)
{
	va_list	 ap;

	if (p->err != UPLOAD_OK)
		return;
	p->err = err;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
}

/* "the header" or "row 12", for messages. */
static const char *
csv_where(const struct upload_csv *p, char *out, size_t outlen)
{
	if (!p->have_header)
		snprintf(out, outlen, "the header");
	else
		snprintf(out, outlen, "row %zu", p->rows + 1);
	return out;
}

/* A column name fit for a message: short, printable, trimmed. */
static void
csv_show_name(const char *s, size_t len, char *out, size_t outlen)
{
	size_t	 i, n = 0;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	/* The name is valid UTF-8: cut before a character, not in one. */
	if (len > CSV_NAME_SHOW)
		len = upload_utf8_span(s, CSV_NAME_SHOW);
	for (i = 0; i < len && n + 1 < outlen; i++)
		out[n++] = ((unsigned char)s[i] < ' ' || s[i] == ASCII_DEL) ?
		    '?' : s[i];
	out[n] = '\0';
}

/* Refuses a field that is too long or not UTF-8 text. */
static int
csv_check_field(struct upload_csv *p, const char *s, size_t len)
{
	char	 where[UPLOAD_MSG_LEN];

	if (len > p->lim.max_field) {
		csv_fail(p, UPLOAD_ERR_FIELD_TOO_LONG,
		    "a field in %s is longer than %zu bytes",
		    csv_where(p, where, sizeof(where)), p->lim.max_field);
		return -1;
	}
	if (memchr(s, '\0', len) != NULL) {
		csv_fail(p, UPLOAD_ERR_ENCODING,
		    "%s contains a NUL byte; the file is not CSV text",
		    csv_where(p, where, sizeof(where)));
		return -1;
	}
	if (upload_utf8_span(s, len) != len) {
		csv_fail(p, UPLOAD_ERR_ENCODING,
		    "invalid UTF-8 in %s; save the file as UTF-8",
		    csv_where(p, where, sizeof(where)));
		return -1;
	}
	return 0;
}

static void
csv_header_field(struct upload_csv *p, const char *s, size_t len,
    size_t col)
{
	char	 name[UPLOAD_MSG_LEN];
	int	 f;

	if (col == 0)
		p->other_sep = memchr(s, ';', len) != NULL ||
		    memchr(s, '\t', len) != NULL;
	if (col >= UPLOAD_MAX_COLUMNS) {
		csv_fail(p, UPLOAD_ERR_TOO_MANY_COLUMNS,
		    "the header has more than %d columns",
		    UPLOAD_MAX_COLUMNS);
		return;
	}
	p->map[col] = f = upload_col_lookup(s, len);
	if (f < 0)
		return;
	if (p->hdr_has[f]) {
		csv_show_name(s, len, name, sizeof(name));
		csv_fail(p, UPLOAD_ERR_DUPLICATE_COLUMN,
		    "duplicate column \"%s\" (column %zu is already %s)",
		    name, p->hdr_pos[f] + 1, upload_col_name(f));
		return;
	}
	p->hdr_has[f] = 1;
	p->hdr_pos[f] = col;
}

static void
csv_data_field(struct upload_csv *p, const char *s, size_t len,
    size_t col)
{
	int	 f;

	if (len > 0)
		p->nonempty = 1;
	if (col >= p->ncols || (f = p->map[col]) < 0)
		return;
	p->off[f] = p->rowbuf.len;
	if (buf_append(&p->rowbuf, s, len) == -1 ||
	    buf_putc(&p->rowbuf, '\0') == -1) {
		csv_fail(p, UPLOAD_ERR_NOMEM, "out of memory");
		return;
	}
	p->row_has[f] = 1;
}

static void
csv_on_field(void *data, size_t len, void *arg)
{
	struct upload_csv	*p = arg;
	const char		*s = data != NULL ? data : "";
	size_t			 col = p->nfields++;

	if (p->err != UPLOAD_OK || csv_check_field(p, s, len) == -1)
		return;
	if (!p->have_header)
		csv_header_field(p, s, len, col);
	else
		csv_data_field(p, s, len, col);
}

static void
csv_header_end(struct upload_csv *p)
{
	char	 msg[UPLOAD_MSG_LEN];

	if (upload_required_missing(p->hdr_has, "column", msg,
	    sizeof(msg)) > 0) {
		/* Excel in some locales separates with semicolons. */
		csv_fail(p, UPLOAD_ERR_MISSING_COLUMN, "%s%s", msg,
		    p->nfields == 1 && p->other_sep ? "; the header has no "
		    "commas: save the file as comma-separated CSV" : "");
		return;
	}
	p->ncols = p->nfields;
	p->have_header = 1;
}

static void
csv_data_end(struct upload_csv *p)
{
	struct upload_row	 row;
	size_t			 f;

	/* Spreadsheets end files with rows of empty cells. */
	if (!p->nonempty)
		return;
	if (p->rows >= p->lim.max_rows) {
		csv_fail(p, UPLOAD_ERR_TOO_MANY_ROWS,
		    "the file has more than %zu rows", p->lim.max_rows);
		return;
	}

	memset(&row, 0, sizeof(row));
	row.index = ++p->rows;
	for (f = 0; f < UPLOAD_COL__MAX; f++)
		if (p->row_has[f])
			row.field[f] = p->rowbuf.data + p->off[f];
	if (p->nfields != p->ncols) {
		snprintf(p->rowmsg, sizeof(p->rowmsg),
		    "row has %zu field%s, the header has %zu", p->nfields,
		    p->nfields == 1 ? "" : "s", p->ncols);
		row.error = p->rowmsg;
	}

	if (p->cb != NULL && p->cb(&row, p->arg) != 0)
		csv_fail(p, UPLOAD_ERR_ABORTED,
		    "reading stopped at row %zu", row.index);
}

static void
csv_on_row(int c, void *arg)
{
	struct upload_csv	*p = arg;

	(void)c;
	if (p->err == UPLOAD_OK) {
		if (!p->have_header)
			csv_header_end(p);
		else
			csv_data_end(p);
	}

	p->nfields = 0;
	p->nonempty = 0;
	buf_reset(&p->rowbuf);
	memset(p->row_has, 0, sizeof(p->row_has));
}

/* Hands bytes to libcsv a slice at a time, watching its buffer. */
static void
csv_parse_slices(struct upload_csv *p, const char *s, size_t len)
{
	char	 where[UPLOAD_MSG_LEN];
	size_t	 n, got;

	while (len > 0 && p->err == UPLOAD_OK) {
		n = CSV_SLICE - p->parsed % CSV_SLICE;
		if (n > len)
			n = len;
		got = csv_parse(&p->csv, s, n, csv_on_field, csv_on_row, p);
		p->parsed += n;
		if (p->err != UPLOAD_OK)
			return;
		if (got != n) {
			if (csv_error(&p->csv) == CSV_EPARSE)
				csv_fail(p, UPLOAD_ERR_SYNTAX,
				    "malformed quotes in %s: a quote inside "
				    "an unquoted field, or text after a "
				    "closing quote",
				    csv_where(p, where, sizeof(where)));
			else
				csv_fail(p, UPLOAD_ERR_NOMEM,
				    "out of memory");
			return;
		}
		if (p->parsed % CSV_SLICE == 0 &&
		    csv_get_buffer_size(&p->csv) >
		    p->lim.max_field + 2 * CSV_BLOCK) {
			csv_fail(p, UPLOAD_ERR_FIELD_TOO_LONG,
			    "a field in %s is longer than %zu bytes",
			    csv_where(p, where, sizeof(where)),
			    p->lim.max_field);
			return;
		}
		s += n;
		len -= n;
	}
}

/* Decides the encoding from the first bytes, then parses them. */
static void
csv_sniff_flush(struct upload_csv *p)
{
	const char	*text;
	size_t		 n;

	p->err = upload_intake_sniff(&p->in, &text, &n, p->msg,
	    sizeof(p->msg));
	if (p->err == UPLOAD_OK)
		csv_parse_slices(p, text, n);
}

enum upload_err
upload_csv_feed(struct upload_csv *p, const void *data, size_t len)
{
	const char	*s = data;

	if (p->err != UPLOAD_OK || p->finished || len == 0)
		return p->err;
	p->err = upload_intake_take(&p->in, p->lim.max_bytes, &s, &len,
	    p->msg, sizeof(p->msg));
	if (p->err != UPLOAD_OK || upload_intake_holding(&p->in))
		return p->err;
	if (!p->in.sniffed)
		csv_sniff_flush(p);

	csv_parse_slices(p, s, len);
	return p->err;
}

enum upload_err
upload_csv_finish(struct upload_csv *p)
{
	char	 where[UPLOAD_MSG_LEN];

	if (p->err != UPLOAD_OK || p->finished)
		return p->err;
	p->finished = 1;
	if (!p->in.sniffed)
		csv_sniff_flush(p);
	if (p->err != UPLOAD_OK)
		return p->err;

	/* The "where" is taken first: a final row bumps the count. */
	csv_where(p, where, sizeof(where));
	if (csv_fini(&p->csv, csv_on_field, csv_on_row, p) != 0)
		csv_fail(p, UPLOAD_ERR_SYNTAX,
		    "unterminated quoted field in %s", where);
	/* Only the first error counts, so these may find one already. */
	if (!p->have_header)
		csv_fail(p, UPLOAD_ERR_EMPTY, "the file is empty");
	else if (p->rows == 0)
		csv_fail(p, UPLOAD_ERR_NO_ROWS,
		    "the file has a header but no data rows");
	return p->err;
}
