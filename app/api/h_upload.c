/*
 * POST /api/v1/batches/upload and POST /api/v1/batches: a payroll file
 * in, a queued batch out.  The body streams through the multipart
 * parser (when it is a form) into the CSV or JSON reader; each row is
 * checked as it arrives and kept in its stored form; the whole batch is
 * stored in one transaction, or nothing is.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/handlers.h"
#include "api/request.h"
#include "batch/multipart.h"
#include "batch/row_request.h"
#include "batch/upload.h"
#include "common/buf.h"
#include "common/conf.h"
#include "common/log.h"
#include "common/util.h"
#include "db/batchstore.h"
#include "db/db.h"
#include "db/rowcodec.h"
#include "engine/batchctx.h"

#define READ_CHUNK		65536
#define IDEMPOTENCY_KEY_MAX	255
#define FILENAME_MAX_LEN	255
/* The stored fields and the row errors of a whole upload. */
#define UPLOAD_TEXT_MAX		(3 * UPLOAD_MAX_BYTES)
#define UPLOAD_ERRORS_MAX	(64 * 1024 * 1024)
/* A row's stored form: the batch_rows.fields column is a TEXT. */
#define ROW_STORED_MAX		65535
#define ERR_LEN			256
/* The most of a form's file held while its format is not known. */
#define UPLOAD_HEAD_MAX		4096

enum upload_format {
	FORMAT_UNKNOWN,
	FORMAT_CSV,
	FORMAT_JSON,
};

struct upload {
	struct api_request	*r;
	enum upload_format	 format;
	struct upload_csv	*csv;
	struct upload_json	*json;
	struct multipart	*mp;
	struct buf		 head;		/* a form file's first bytes */

	struct buf		 text;		/* encoded rows */
	struct buf		 strings;	/* row errors, employee refs */
	struct batch_upload_row	*rows;
	size_t			*error_off;	/* per row; 0: none */
	/* The rows that have an employee, for the batch context. */
	struct batch_shift	*shifts;
	size_t			*shift_row;	/* its row */
	size_t			*shift_ref;	/* its reference in strings */
	size_t			 nrows, nshifts, cap;
	int			 nomem;
	size_t			 too_long;	/* a row over ROW_STORED_MAX */

	char			 filename[FILENAME_MAX_LEN + 1];
};

static int
upload_grow(struct upload *u)
{
	size_t			 ncap;
	void			*p;

	if (u->nrows < u->cap)
		return 0;
	ncap = u->cap == 0 ? 1024 : u->cap * 2;
	if ((p = reallocarray(u->rows, ncap, sizeof(*u->rows))) == NULL)
		return -1;
	u->rows = p;
	if ((p = reallocarray(u->error_off, ncap, sizeof(size_t))) == NULL)
		return -1;
	u->error_off = p;
	if ((p = reallocarray(u->shifts, ncap, sizeof(*u->shifts))) == NULL)
		return -1;
	u->shifts = p;
	if ((p = reallocarray(u->shift_row, ncap, sizeof(size_t))) == NULL)
		return -1;
	u->shift_row = p;
	if ((p = reallocarray(u->shift_ref, ncap, sizeof(size_t))) == NULL)
		return -1;
	u->shift_ref = p;
	u->cap = ncap;
	return 0;
}

static int
upload_on_row(const struct upload_row *row, void *arg)
{
	struct upload		*u = arg;
	struct batch_upload_row	*br;
	struct pay_request	 req;
	struct buf		 msg;
	size_t			 start = u->text.len;
	const char		*ref;

	if (upload_grow(u) == -1 || rowcodec_encode(&u->text,
	    (const char *const *)row->field, UPLOAD_COL__MAX) == -1 ||
	    buf_putc(&u->text, '\0') == -1) {
		u->nomem = 1;
		return -1;
	}
	if (u->text.len - start - 1 > ROW_STORED_MAX) {
		u->too_long = row->index;
		return -1;
	}
	br = &u->rows[u->nrows];
	br->fields_off = start;
	br->fields_len = u->text.len - start - 1;
	br->carry_today = 0;
	br->carry_week = 0;
	br->error = NULL;
	u->error_off[u->nrows] = 0;

	buf_init(&msg, ROW_ERROR_MAX);
	if (row_request_check(row, &req, &msg) == -1) {
		u->error_off[u->nrows] = u->strings.len + 1;
		if (buf_append(&u->strings, msg.data != NULL ? msg.data :
		    "invalid row", msg.data != NULL ? msg.len : 11) == -1 ||
		    buf_putc(&u->strings, '\0') == -1)
			u->nomem = 1;
	} else if ((ref = row->field[UPLOAD_COL_EMPLOYEE_REF]) != NULL &&
	    *ref != '\0') {
		/* The reference is pointed at once the strings stop
		 * moving. */
		batchctx_shift(&u->shifts[u->nshifts], NULL, &req);
		u->shift_row[u->nshifts] = u->nrows;
		u->shift_ref[u->nshifts] = u->strings.len;
		u->nshifts++;
		if (buf_append(&u->strings, ref, strlen(ref) + 1) == -1)
			u->nomem = 1;
	}
	buf_free(&msg);
	u->nrows++;
	return u->nomem ? -1 : 0;
}

/*
 * The batch context: each employee's shifts in date and start order
 * carry the hours already worked that day and that week into the
 * next, so overtime spread over rows is found.
 */
static int
upload_context(struct upload *u)
{
	char	 err[ERR_LEN];
	size_t	 i;

	for (i = 0; i < u->nshifts; i++)
		u->shifts[i].employee_ref = u->strings.data + u->shift_ref[i];
	if (batchctx_apply(u->shifts, u->nshifts, err, sizeof(err)) == -1)
		return -1;
	for (i = 0; i < u->nshifts; i++) {
		u->rows[u->shift_row[i]].carry_today = u->shifts[i].today_units;
		u->rows[u->shift_row[i]].carry_week = u->shifts[i].week_units;
	}
	return 0;
}

static void
upload_free(struct upload *u)
{
	upload_csv_free(u->csv);
	upload_json_free(u->json);
	multipart_free(u->mp);
	buf_free(&u->head);
	buf_free(&u->text);
	buf_free(&u->strings);
	free(u->rows);
	free(u->error_off);
	free(u->shifts);
	free(u->shift_row);
	free(u->shift_ref);
}

/* A media type without parameters, compared case-blind. */
static int
media_is(const char *ct, const char *type)
{
	size_t	 n = strlen(type);

	return ct != NULL && strncasecmp(ct, type, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static int
upload_start_reader(struct upload *u, enum upload_format f)
{
	u->format = f;
	if (f == FORMAT_JSON)
		u->json = upload_json_new(NULL, upload_on_row, u);
	else
		u->csv = upload_csv_new(NULL, upload_on_row, u);
	return (u->json == NULL && u->csv == NULL) ? -1 : 0;
}

/* The format a form's file says it has: its type, else its name. */
static enum upload_format
upload_declared(const struct multipart_file *f)
{
	size_t	 len;

	if (media_is(f->content_type, "application/json"))
		return FORMAT_JSON;
	if (media_is(f->content_type, "text/csv"))
		return FORMAT_CSV;
	len = strlen(f->filename);
	if (len > 5 && strcasecmp(f->filename + len - 5, ".json") == 0)
		return FORMAT_JSON;
	if (len > 4 && strcasecmp(f->filename + len - 4, ".csv") == 0)
		return FORMAT_CSV;
	return FORMAT_UNKNOWN;
}

/*
 * The format the first bytes show, past a UTF-8 byte order mark and
 * white space: JSON for '[' or '{', else CSV; unknown while there is
 * nothing else yet.
 */
static enum upload_format
upload_sniffed(const unsigned char *p, size_t n)
{
	static const unsigned char	 bom[] = { 0xef, 0xbb, 0xbf };
	size_t				 i = 0;

	if (n >= sizeof(bom) && memcmp(p, bom, sizeof(bom)) == 0)
		i = sizeof(bom);
	else if (n < sizeof(bom) && memcmp(p, bom, n) == 0)
		return FORMAT_UNKNOWN;
	for (; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' &&
		    p[i] != '\n')
			return p[i] == '[' || p[i] == '{' ? FORMAT_JSON :
			    FORMAT_CSV;
	return FORMAT_UNKNOWN;
}

/* Hands file bytes to the reader; -1 stops the reading. */
static enum upload_err
upload_feed(struct upload *u, const void *p, size_t n)
{
	if (u->format == FORMAT_JSON)
		return upload_json_feed(u->json, p, n);
	return upload_csv_feed(u->csv, p, n);
}

/*
 * The form's file, as it arrives.  Until its format is known its first
 * bytes are held (at most UPLOAD_HEAD_MAX), then handed to the reader.
 */
static int
upload_on_part(const struct multipart_file *f, const void *p, size_t n,
    void *arg)
{
	struct upload		*u = arg;
	enum upload_format	 fmt;

	if (u->format != FORMAT_UNKNOWN)
		return upload_feed(u, p, n) == UPLOAD_OK ? 0 : -1;
	snprintf(u->filename, sizeof(u->filename), "%s", f->filename);
	if ((fmt = upload_declared(f)) == FORMAT_UNKNOWN) {
		if (buf_append(&u->head, p, n) == -1)
			fmt = FORMAT_CSV;	/* white space, and more */
		else if ((fmt = upload_sniffed((const unsigned char *)
		    u->head.data, u->head.len)) == FORMAT_UNKNOWN)
			return 0;
		else
			n = 0;			/* p is in head */
	}
	if (upload_start_reader(u, fmt) == -1) {
		u->nomem = 1;
		return -1;
	}
	if (u->head.len > 0 && upload_feed(u, u->head.data, u->head.len) !=
	    UPLOAD_OK)
		return -1;
	buf_free(&u->head);
	return upload_feed(u, p, n) == UPLOAD_OK ? 0 : -1;
}

static enum upload_err
upload_finish(struct upload *u)
{
	/* A form's file of nothing but white space: read it as CSV. */
	if (u->format == FORMAT_UNKNOWN && u->mp != NULL &&
	    u->head.len > 0 && (upload_start_reader(u, FORMAT_CSV) == -1 ||
	    upload_feed(u, u->head.data, u->head.len) != UPLOAD_OK))
		return u->csv == NULL ? UPLOAD_ERR_NOMEM :
		    upload_csv_finish(u->csv);
	if (u->format == FORMAT_JSON)
		return upload_json_finish(u->json);
	if (u->format == FORMAT_CSV)
		return upload_csv_finish(u->csv);
	return UPLOAD_ERR_EMPTY;
}

static const char *
upload_message(struct upload *u)
{
	if (u->format == FORMAT_JSON)
		return upload_json_message(u->json);
	if (u->format == FORMAT_CSV)
		return upload_csv_message(u->csv);
	return "The file is empty";
}

/* Answers the error that stopped a reader. */
static void
upload_refuse(struct upload *u, enum upload_err e)
{
	struct api_request	*r = u->r;

	switch (e) {
	case UPLOAD_ERR_TOO_LARGE:
	case UPLOAD_ERR_TOO_MANY_ROWS:
		api_reply_error(r, HTTP_PAYLOAD_TOO_LARGE, NULL, "%s",
		    upload_message(u));
		break;
	case UPLOAD_ERR_NOMEM:
		api_reply_error(r, HTTP_INTERNAL_ERROR, NULL,
		    "An internal error occurred");
		break;
	default:
		api_reply_error(r, HTTP_BAD_REQUEST, NULL, "%s",
		    upload_message(u));
		break;
	}
}

/*
 * Reads the body, in chunks, through the form parser when there is
 * one.  Return 0 when the rows are all read, -1 after answering.
 */
static int
upload_read(struct upload *u, const char *ctype)
{
	char			 chunk[READ_CHUNK];
	char			 boundary[MULTIPART_BOUNDARY_LEN];
	enum upload_err		 ue = UPLOAD_OK;
	enum multipart_err	 me = MULTIPART_OK;
	size_t			 total = 0;
	int			 n;

	if (media_is(ctype, "multipart/form-data")) {
		if (multipart_boundary(ctype, boundary,
		    sizeof(boundary)) == -1) {
			api_reply_error(u->r, HTTP_BAD_REQUEST, NULL,
			    "The multipart body has no valid boundary");
			return -1;
		}
		if ((u->mp = multipart_new(boundary, upload_on_part,
		    u)) == NULL) {
			api_reply_error(u->r, HTTP_BAD_REQUEST, NULL,
			    "The multipart boundary is not valid");
			return -1;
		}
	} else if (media_is(ctype, "text/csv") ||
	    media_is(ctype, "text/plain")) {
		upload_start_reader(u, FORMAT_CSV);
	} else if (media_is(ctype, "application/json")) {
		upload_start_reader(u, FORMAT_JSON);
	} else {
		api_reply_error(u->r, HTTP_UNSUPPORTED_MEDIA_TYPE, NULL,
		    "Send the file as multipart/form-data field \"file\", "
		    "or as a text/csv or application/json body");
		return -1;
	}
	if (u->mp == NULL && u->format == FORMAT_UNKNOWN) {
		api_reply_error(u->r, HTTP_INTERNAL_ERROR, NULL,
		    "An internal error occurred");
		return -1;
	}

	while ((n = FCGX_GetStr(chunk, sizeof(chunk), u->r->fcgi->in)) > 0) {
		/* A chunked body has no Content-Length for the web server
		 * to check. */
		total += (size_t)n;
		if (total > u->r->conf->max_body_bytes) {
			api_reply_error(u->r, HTTP_PAYLOAD_TOO_LARGE, NULL,
			    "The request body is over %zu bytes",
			    u->r->conf->max_body_bytes);
			return -1;
		}
		if (u->mp != NULL)
			me = multipart_feed(u->mp, chunk, (size_t)n);
		else
			ue = upload_feed(u, chunk, (size_t)n);
		if (me != MULTIPART_OK || ue != UPLOAD_OK)
			break;
	}
	if (me == MULTIPART_OK && ue == UPLOAD_OK && u->mp != NULL)
		me = multipart_finish(u->mp);
	if (me != MULTIPART_OK && me != MULTIPART_ERR_ABORTED) {
		api_reply_error(u->r, HTTP_BAD_REQUEST, NULL, "%s",
		    multipart_message(u->mp));
		return -1;
	}
	if (u->nomem) {
		upload_refuse(u, UPLOAD_ERR_NOMEM);
		return -1;
	}
	if (u->too_long > 0) {
		api_reply_error(u->r, HTTP_BAD_REQUEST, NULL,
		    "Row %zu is over %d bytes in all", u->too_long,
		    ROW_STORED_MAX);
		return -1;
	}
	if (ue == UPLOAD_OK)
		ue = upload_finish(u);
	if (ue != UPLOAD_OK) {
		upload_refuse(u, ue);
		return -1;
	}
	return 0;
}

static void
reply_accepted(struct api_request *r, const char *id, const char *status,
    long long total, const char *message)
{
	json_object	*o;

	api_header(r, "Location", "/api/v1/batches/%s", id);
	o = json_object_new_object();
	json_object_object_add(o, "batch_id", json_object_new_string(id));
	json_object_object_add(o, "status", json_object_new_string(status));
	json_object_object_add(o, "total_rows", json_object_new_int64(total));
	json_object_object_add(o, "message", json_object_new_string(message));
	api_reply_json(r, HTTP_ACCEPTED, o);
}

/* Answers with the batch an earlier upload with the same key made. */
static int
reply_existing(struct api_request *r, const char *key)
{
	static const char sql[] =
	    "SELECT id, status, total_rows FROM batches"
	    " WHERE org_id = ? AND idempotency_key = ?";
	struct db_param		 p[2];
	struct db_result	 res;
	long long		 total = 0;
	int			 rc;

	p[0] = DB_INT(r->key.org_id);
	p[1] = DB_STR(key);
	if ((rc = db_query(r->db, sql, p, 2, 1, &res)) != DB_OK) {
		db_result_free(&res);
		api_reply_db_error(r, rc);
		return 1;
	}
	if (res.nrows == 0) {
		db_result_free(&res);
		return 0;
	}
	parse_long(db_result_get(&res, 0, 2), 0, 1LL << 40, &total);
	reply_accepted(r, db_result_get(&res, 0, 0),
	    db_result_get(&res, 0, 1), total,
	    "Batch already uploaded with this Idempotency-Key");
	db_result_free(&res);
	return 1;
}

/* A usable Idempotency-Key: printable ASCII, 1 to 255 characters. */
static int
idempotency_key_ok(const char *k)
{
	size_t	 i, n = strlen(k);

	if (n == 0 || n > IDEMPOTENCY_KEY_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (k[i] < 0x21 || k[i] > 0x7e)
			return 0;
	return 1;
}

/*
 * 202 with the batch id, "queued" and the row count, and Location.
 * 400 for a file that is not CSV or JSON or lacks a required column;
 * 413 over 10 MB or 50,000 rows; 415 for another media type.  A bad
 * row is not an error here: it becomes an error row of the batch.
 */
void
h_batch_upload(struct api_request *r)
{
	struct upload		 u;
	struct batch_upload	 b;
	const char		*key, *ctype;
	size_t			 i;
	int			 rc;

	key = api_param(r, "HTTP_IDEMPOTENCY_KEY");
	if (key != NULL && !idempotency_key_ok(key)) {
		api_reply_error(r, HTTP_BAD_REQUEST, NULL,
		    "Idempotency-Key must be 1 to %d printable characters",
		    IDEMPOTENCY_KEY_MAX);
		return;
	}
	if (key != NULL && reply_existing(r, key))
		return;

	memset(&u, 0, sizeof(u));
	u.r = r;
	buf_init(&u.text, UPLOAD_TEXT_MAX);
	buf_init(&u.head, UPLOAD_HEAD_MAX);
	buf_init(&u.strings, UPLOAD_ERRORS_MAX);
	buf_putc(&u.strings, '\0');	/* offset 0 means "no error" */
	ctype = api_param(r, "CONTENT_TYPE");
	if (upload_read(&u, ctype) == -1)
		goto out;

	if (upload_context(&u) == -1) {
		upload_refuse(&u, UPLOAD_ERR_NOMEM);
		goto out;
	}
	for (i = 0; i < u.nrows; i++)
		if (u.error_off[i] != 0)
			u.rows[i].error = u.strings.data + u.error_off[i] - 1;
	memset(&b, 0, sizeof(b));
	b.org_id = r->key.org_id;
	b.filename = u.filename[0] != '\0' ? u.filename : NULL;
	b.idempotency_key = key;
	b.text = u.text.data;
	b.rows = u.rows;
	b.nrows = u.nrows;
	b.chunk_rows = (size_t)r->conf->chunk_rows;
	rc = batch_insert(r->db, &b);
	if (rc == DB_DUPLICATE && key != NULL && reply_existing(r, key))
		goto out;
	if (rc != DB_OK) {
		api_reply_db_error(r, rc);
		goto out;
	}
	log_info("api", r->request_id, "batch %s uploaded: %zu rows", b.id,
	    u.nrows);
	reply_accepted(r, b.id, "queued", (long long)u.nrows,
	    "Batch uploaded and queued for processing");
out:
	upload_free(&u);
}
