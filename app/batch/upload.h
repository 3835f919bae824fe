/*
 * The shift rows of an uploaded batch file, and the streaming readers
 * that produce them from CSV (upload_csv_*) and from a JSON array
 * (upload_json_*).
 *
 * The readers are pure: they never log, never exit and never touch the
 * database.  The caller feeds the body in chunks of any size and gets
 * each row through a callback as soon as it is complete, so a whole
 * file is never held in memory.  A problem with the file as a whole
 * (not CSV, a required column missing, too large) stops the reader
 * with an error code and a message; a problem with one row (too few
 * fields, a nested JSON value) is reported on that row and reading
 * goes on.  Values are handed over as text: checking dates, times and
 * numbers is the caller's job.
 */
#ifndef AWARD_UPLOAD_H
#define AWARD_UPLOAD_H

#include <stddef.h>

#define UPLOAD_MAX_BYTES	(10 * 1024 * 1024) /* SPEC: at most 10 MB */
#define UPLOAD_MAX_ROWS		50000	/* SPEC: at most 50,000 rows */
#define UPLOAD_MAX_FIELD	4096	/* bytes in one value or name */
#define UPLOAD_MAX_COLUMNS	256	/* columns in a CSV header */
#define UPLOAD_MAX_OBJECT	(64 * 1024) /* bytes in one JSON element */
#define UPLOAD_MAX_DEPTH	8	/* JSON nesting inside one element */
#define UPLOAD_MSG_LEN		256	/* an error message and its NUL */

/* The fields a shift row may carry, whatever its file calls them. */
enum upload_col {
	UPLOAD_COL_AWARD_CODE,
	UPLOAD_COL_CLASSIFICATION,
	UPLOAD_COL_EMP_TYPE,
	UPLOAD_COL_DATE,
	UPLOAD_COL_START_TIME,
	UPLOAD_COL_END_TIME,
	UPLOAD_COL_BREAK_MINUTES,
	UPLOAD_COL_EMPLOYEE_REF,
	UPLOAD_COL_IS_PUBLIC_HOLIDAY,
	UPLOAD_COL_ACTUAL_PAY,
	UPLOAD_COL_WORKER_TYPE,
	UPLOAD_COL_STATE,
	UPLOAD_COL_AGE,
	UPLOAD_COL_HOURS,
	UPLOAD_COL_HOURS_TODAY,
	UPLOAD_COL_HOURS_WEEK,
	UPLOAD_COL_PAY_PERIOD_START,
	UPLOAD_COL_FIRST_AID,
	UPLOAD_COL_LAUNDRY,
	UPLOAD_COL_MEAL,
	UPLOAD_COL__MAX
};

/*
 * One data row.  The pointers belong to the reader and last only until
 * the callback returns: a caller that keeps a row copies it.
 */
struct upload_row {
	size_t		 index;		/* 1 = the first data row */
	const char	*field[UPLOAD_COL__MAX]; /* NULL when absent */
	const char	*error;		/* non-NULL: this row is unusable */
};

/*
 * Called for every data row.  Return 0 to go on, or -1 to stop the
 * reader, which then fails with UPLOAD_ERR_ABORTED.
 */
typedef int	(*upload_row_cb)(const struct upload_row *, void *arg);

struct upload_limits {
	size_t	 max_bytes;	/* the whole file, a BOM included */
	size_t	 max_rows;	/* data rows, the header not counted */
	size_t	 max_field;	/* bytes in one value */
};

/*
 * Why a file was refused.  The HTTP edge answers 413 for
 * UPLOAD_ERR_TOO_LARGE and UPLOAD_ERR_TOO_MANY_ROWS, 500 for
 * UPLOAD_ERR_NOMEM, its own status for UPLOAD_ERR_ABORTED, and 400
 * for the rest.
 */
enum upload_err {
	UPLOAD_OK = 0,
	UPLOAD_ERR_EMPTY,		/* no header, or no bytes */
	UPLOAD_ERR_NO_ROWS,		/* a header (or []) and nothing else */
	UPLOAD_ERR_MISSING_COLUMN,
	UPLOAD_ERR_DUPLICATE_COLUMN,
	UPLOAD_ERR_TOO_MANY_COLUMNS,
	UPLOAD_ERR_SYNTAX,		/* malformed CSV quoting or JSON */
	UPLOAD_ERR_NOT_ARRAY,		/* JSON that is not an array */
	UPLOAD_ERR_ENCODING,		/* NUL, bad UTF-8, UTF-16 */
	UPLOAD_ERR_FIELD_TOO_LONG,
	UPLOAD_ERR_TOO_MANY_ROWS,
	UPLOAD_ERR_TOO_LARGE,
	UPLOAD_ERR_ABORTED,		/* the row callback said stop */
	UPLOAD_ERR_NOMEM,
	UPLOAD_ERR__MAX
};

/* The defaults above: 10 MiB, 50,000 rows, 4 KiB a value. */
void		 upload_limits_default(struct upload_limits *);

/*
 * The field a column or key name means ("Date", " work_date "), or -1
 * for a name the product does not use.  Case and surrounding spaces
 * do not matter.
 */
int		 upload_col_lookup(const char *name, size_t len);
/* The CSV name of a field, as the SPEC spells it. */
const char	*upload_col_name(enum upload_col);

/*
 * Counts the required fields missing from present[] (indexed by
 * enum upload_col) and names them in msg ("missing required column:
 * date", what being "column"); return 0 when none is missing.  The
 * shift times may be given as start_time and end_time or as hours.
 */
int		 upload_required_missing(const unsigned char *present,
		    const char *what, char *msg, size_t msglen);

/* The length of the valid UTF-8 at the start of s (len when all is). */
size_t		 upload_utf8_span(const char *s, size_t len);

/*
 * Looks at the first bytes of a file for its encoding.  Return the
 * number of bytes to skip (a UTF-8 byte order mark), or -1 for UTF-16
 * and the like, with the reason in msg.  Give it up to
 * UPLOAD_SNIFF_LEN bytes.
 */
#define UPLOAD_SNIFF_LEN	4
int		 upload_sniff(const unsigned char *head, size_t len,
		    char *msg, size_t msglen);

/*
 * The start of a file as a reader takes it in: every byte counted
 * against the size limit, and the first UPLOAD_SNIFF_LEN held until
 * they show the encoding.
 */
struct upload_intake {
	unsigned char	 head[UPLOAD_SNIFF_LEN];
	size_t		 nhead;
	size_t		 nbytes;
	int		 sniffed;
};

/*
 * Counts the next chunk and holds what the head still lacks, moving
 * *data and *len past it.  Returns UPLOAD_ERR_TOO_LARGE, with msg,
 * past max_bytes; else UPLOAD_OK.
 */
enum upload_err	 upload_intake_take(struct upload_intake *, size_t max_bytes,
		    const char **data, size_t *len, char *msg, size_t msglen);
/* True while the head is still filling and nothing is to be parsed. */
int		 upload_intake_holding(const struct upload_intake *);
/*
 * Decides the encoding from the held head: UPLOAD_ERR_ENCODING with
 * msg, or UPLOAD_OK with *text and *n the head past a byte order mark.
 */
enum upload_err	 upload_intake_sniff(struct upload_intake *,
		    const char **text, size_t *n, char *msg, size_t msglen);

/* CSV: a header row, then one shift a row. */
struct upload_csv;

/* NULL limits mean the defaults.  Return NULL when memory runs out. */
struct upload_csv	*upload_csv_new(const struct upload_limits *,
			    upload_row_cb, void *arg);
/*
 * Feed the next chunk; finish once at the end.  Both return
 * UPLOAD_OK or the error that stopped the reader; after an error
 * every later call returns it again.
 */
enum upload_err		 upload_csv_feed(struct upload_csv *,
			    const void *, size_t);
enum upload_err		 upload_csv_finish(struct upload_csv *);
/*
 * Why it stopped, in words ("" while there is no error), fit to show
 * the user; the reader owns it until upload_csv_free.
 */
const char		*upload_csv_message(const struct upload_csv *);
/* Data rows delivered so far. */
size_t			 upload_csv_rows(const struct upload_csv *);
void			 upload_csv_free(struct upload_csv *);

/* JSON: an array of objects, one shift each. */
struct upload_json;

/* As for CSV above: same ownership, same errors. */
struct upload_json	*upload_json_new(const struct upload_limits *,
			    upload_row_cb, void *arg);
enum upload_err		 upload_json_feed(struct upload_json *,
			    const void *, size_t);
enum upload_err		 upload_json_finish(struct upload_json *);
const char		*upload_json_message(const struct upload_json *);
size_t			 upload_json_rows(const struct upload_json *);
void			 upload_json_free(struct upload_json *);

#endif
