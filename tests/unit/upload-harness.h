/*
 * What the tests of the upload readers share: rows collected as text,
 * and every input read whole and a byte at a time, which must agree.
 * Define READER as csv or json (the reader upload_READER_*), and
 * MAXROWS and WHOLE, before including this.
 */
#ifndef AWARD_UPLOAD_HARNESS_H
#define AWARD_UPLOAD_HARNESS_H

#define HARNESS_PASTE(a, b, c)	a##b##c
#define HARNESS_NAME(a, b, c)	HARNESS_PASTE(a, b, c)
#define READER_TYPE		HARNESS_NAME(upload_, READER, )
#define READER_CALL(verb)	HARNESS_NAME(upload_, READER, _##verb)

struct got {
	struct buf	 log;	/* every row and the outcome, as text */
	size_t		 n;
	size_t		 index[MAXROWS];
	char		*field[MAXROWS][UPLOAD_COL__MAX];
	char		*error[MAXROWS];
	size_t		 stop_at;	/* the callback says stop here */
	enum upload_err	 err;
	char		 msg[UPLOAD_MSG_LEN];
	size_t		 fed;		/* bytes fed before the error */
};

static char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

static int
collect(const struct upload_row *r, void *arg)
{
	struct got	*g = arg;
	size_t		 f;

	buf_printf(&g->log, "%zu", r->index);
	for (f = 0; f < UPLOAD_COL__MAX; f++)
		buf_printf(&g->log, "|%s", r->field[f] ? r->field[f] : "~");
	buf_printf(&g->log, "|%s\n", r->error ? r->error : "~");
	if (g->n < MAXROWS) {
		g->index[g->n] = r->index;
		for (f = 0; f < UPLOAD_COL__MAX; f++)
			g->field[g->n][f] = dup_or_null(r->field[f]);
		g->error[g->n] = dup_or_null(r->error);
	}
	g->n++;
	return g->stop_at != 0 && g->n == g->stop_at ? -1 : 0;
}

static void
got_init(struct got *g)
{
	memset(g, 0, sizeof(*g));
	buf_init(&g->log, 0);
}

static void
got_free(struct got *g)
{
	size_t	 i, f;

	for (i = 0; i < g->n && i < MAXROWS; i++) {
		for (f = 0; f < UPLOAD_COL__MAX; f++)
			free(g->field[i][f]);
		free(g->error[i]);
	}
	buf_free(&g->log);
}

/* Reads in chunks of the given size (WHOLE: one call). */
static void
read_rows(const char *in, size_t len, size_t chunk,
    const struct upload_limits *lim, struct got *g)
{
	struct READER_TYPE	*p;
	size_t			 off = 0, n;

	p = READER_CALL(new)(lim, collect, g);
	if (chunk == WHOLE)
		chunk = len > 0 ? len : 1;
	g->err = UPLOAD_OK;
	while (off < len && g->err == UPLOAD_OK) {
		n = len - off < chunk ? len - off : chunk;
		g->err = READER_CALL(feed)(p, in + off, n);
		off += n;
	}
	g->fed = off;
	if (g->err == UPLOAD_OK)
		g->err = READER_CALL(finish)(p);
	snprintf(g->msg, sizeof(g->msg), "%s", READER_CALL(message)(p));
	buf_printf(&g->log, "=> %d %s\n", g->err, g->msg);
	READER_CALL(free)(p);
}

/* Reads whole into g, and a byte at a time to compare. */
static enum upload_err
read_lim(const char *in, size_t len, const struct upload_limits *lim,
    struct got *g, const char *what)
{
	struct got	 bytewise;

	got_init(g);
	read_rows(in, len, WHOLE, lim, g);
	got_init(&bytewise);
	bytewise.stop_at = g->stop_at;
	read_rows(in, len, 1, lim, &bytewise);
	if (!ok(strcmp(g->log.data, bytewise.log.data) == 0,
	    "%s: same fed byte by byte", what))
		printf("# whole:\n%s# bytewise:\n%s", g->log.data,
		    bytewise.log.data);
	got_free(&bytewise);
	return g->err;
}

static enum upload_err
read_text(const char *in, struct got *g, const char *what)
{
	return read_lim(in, strlen(in), NULL, g, what);
}

#endif
