/*
 * The JSON reader.  json-c builds whole documents, so the top-level
 * array is split here, by a small scanner that tracks strings and
 * brackets, and each element alone goes to json_tokener: memory holds
 * one element at a time, however long the array.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "batch/upload.h"
#include "common/buf.h"

#define JSON_FLAGS	(JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8)

enum json_state {
	JS_START,	/* before the '[' */
	JS_FIRST,	/* after '[': an element or ']' */
	JS_NEXT,	/* after ',': an element */
	JS_ELEM,	/* inside an element */
	JS_AFTER,	/* after an element: ',' or ']' */
	JS_DONE		/* after ']': only white space */
};

struct upload_json {
	struct upload_limits	 lim;
	upload_row_cb		 cb;
	void			*arg;

	enum upload_err		 err;
	char			 msg[UPLOAD_MSG_LEN];
	int			 finished;

	struct upload_intake	 in;

	enum json_state		 state;
	struct buf		 elem;		/* the element's bytes */
	size_t			 depth;		/* open brackets in it */
	int			 in_string;
	int			 escape;	/* after a backslash */
	int			 bare;		/* a number or literal */
	int			 fresh;		/* no byte of it seen yet */
	struct json_tokener	*tok;

	size_t			 rows;
	char			 rowmsg[UPLOAD_MSG_LEN];
};

struct upload_json *
upload_json_new(const struct upload_limits *lim, upload_row_cb cb,
    void *arg)
{
	struct upload_json	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	/* One more level than the scanner allows, as a second guard. */
	if ((p->tok = json_tokener_new_ex(UPLOAD_MAX_DEPTH + 1)) == NULL) {
		free(p);
		return NULL;
	}
	json_tokener_set_flags(p->tok, JSON_FLAGS);
	if (lim != NULL)
		p->lim = *lim;
	else
		upload_limits_default(&p->lim);
	p->cb = cb;
	p->arg = arg;
	buf_init(&p->elem, UPLOAD_MAX_OBJECT);
	return p;
}

void
upload_json_free(struct upload_json *p)
{
	if (p == NULL)
		return;
	json_tokener_free(p->tok);
	buf_free(&p->elem);
	free(p);
}

const char *
upload_json_message(const struct upload_json *p)
{
	return p->msg;
}

size_t
upload_json_rows(const struct upload_json *p)
{
	return p->rows;
}

static void __attribute__((format(printf, 3, 4)))
json_fail(struct upload_json *p, enum upload_err err, const char *fmt,
    ...)
{
	va_list	 ap;

	if (p->err != UPLOAD_OK)
		return;
	p->err = err;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
}

/* A row-level problem; the first one found is the one reported. */
static void __attribute__((format(printf, 3, 4)))
json_row_error(struct upload_json *p, struct upload_row *row,
    const char *fmt, ...)
{
	va_list	 ap;

	if (row->error != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(p->rowmsg, sizeof(p->rowmsg), fmt, ap);
	va_end(ap);
	row->error = p->rowmsg;
}

static int
json_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text of a number as written, or NULL with a row error. */
static const char *
json_number_text(struct upload_json *p, struct upload_row *row,
    const char *key, struct json_object *v)
{
	if (json_object_is_type(v, json_type_double)) {
		if (!isfinite(json_object_get_double(v))) {
			json_row_error(p, row, "%s is not a finite number",
			    key);
			return NULL;
		}
	} else if (json_object_get_int64(v) == INT64_MIN ||
	    json_object_get_uint64(v) == UINT64_MAX) {
		/* json-c clamps integers past 64 bits to these. */
		json_row_error(p, row, "%s is out of range", key);
		return NULL;
	}
	/* Doubles keep their text as written; integers print exactly. */
	return json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
}

/* The text of one value, NULL when it is null or unusable. */
static const char *
json_value_text(struct upload_json *p, struct upload_row *row,
    const char *key, struct json_object *v)
{
	const char	*s;
	size_t		 len;

	switch (json_object_get_type(v)) {
	case json_type_null:
		return NULL;
	case json_type_boolean:
		return json_object_get_boolean(v) ? "true" : "false";
	case json_type_double:
	case json_type_int:
		return json_number_text(p, row, key, v);
	case json_type_string:
		s = json_object_get_string(v);
		len = (size_t)json_object_get_string_len(v);
		if (strlen(s) != len) {
			json_row_error(p, row, "%s contains a NUL character",
			    key);
			return NULL;
		}
		/* json-c lets UTF-16 surrogates through; the CSV reader not. */
		if (upload_utf8_span(s, len) != len) {
			json_fail(p, UPLOAD_ERR_ENCODING,
			    "invalid UTF-8 in row %zu; save the file as UTF-8",
			    row->index);
			return NULL;
		}
		return s;
	default:
		json_row_error(p, row,
		    "%s must be a string, number or boolean", key);
		return NULL;
	}
}

/* Maps an object's keys onto the row; -1 stops the file. */
static int
json_row_fill(struct upload_json *p, struct upload_row *row,
    struct json_object *obj)
{
	const char	*keyof[UPLOAD_COL__MAX];
	const char	*text;
	int		 f;

	memset(keyof, 0, sizeof(keyof));
	json_object_object_foreach(obj, key, val) {
		if ((f = upload_col_lookup(key, strlen(key))) < 0)
			continue;
		if (keyof[f] != NULL) {
			json_row_error(p, row, "%s and %s both given",
			    keyof[f], key);
			continue;
		}
		keyof[f] = key;
		if ((text = json_value_text(p, row, key, val)) == NULL) {
			if (p->err != UPLOAD_OK)
				return -1;
			continue;
		}
		if (strlen(text) > p->lim.max_field) {
			json_fail(p, UPLOAD_ERR_FIELD_TOO_LONG,
			    "%s in row %zu is longer than %zu bytes", key,
			    row->index, p->lim.max_field);
			return -1;
		}
		row->field[f] = text;
	}
	return 0;
}

static void
json_row_check(struct upload_json *p, struct upload_row *row)
{
	unsigned char	 has[UPLOAD_COL__MAX];
	char		 msg[UPLOAD_MSG_LEN];
	size_t		 f;

	if (row->error != NULL)
		return;
	for (f = 0; f < UPLOAD_COL__MAX; f++)
		has[f] = row->field[f] != NULL;
	if (upload_required_missing(has, "field", msg, sizeof(msg)) > 0)
		json_row_error(p, row, "%s", msg);
}

/* Turns one parsed element into a row and hands it over. */
static void
json_deliver(struct upload_json *p, struct json_object *obj)
{
	struct upload_row	 row;

	memset(&row, 0, sizeof(row));
	row.index = p->rows + 1;
	if (!json_object_is_type(obj, json_type_object))
		json_row_error(p, &row, "row is not a JSON object");
	else if (json_row_fill(p, &row, obj) == -1)
		return;
	else
		json_row_check(p, &row);

	p->rows++;
	if (p->cb != NULL && p->cb(&row, p->arg) != 0)
		json_fail(p, UPLOAD_ERR_ABORTED, "reading stopped at row %zu",
		    row.index);
}

/* Parses the element gathered in p->elem. */
static void
json_elem_end(struct upload_json *p)
{
	struct json_object	*obj;
	enum json_tokener_error	 jerr;
	size_t			 n = p->rows + 1;

	json_tokener_reset(p->tok);
	/* The NUL tells the tokener that a number has ended. */
	obj = json_tokener_parse_ex(p->tok, p->elem.data,
	    (int)p->elem.len + 1);
	jerr = json_tokener_get_error(p->tok);
	if (jerr == json_tokener_success &&
	    json_tokener_get_parse_end(p->tok) != p->elem.len)
		jerr = json_tokener_error_parse_unexpected;

	if (jerr == json_tokener_error_parse_utf8_string)
		json_fail(p, UPLOAD_ERR_ENCODING,
		    "invalid UTF-8 in row %zu; save the file as UTF-8", n);
	else if (jerr == json_tokener_error_depth)
		json_fail(p, UPLOAD_ERR_SYNTAX,
		    "row %zu is nested too deeply", n);
	else if (jerr != json_tokener_success)
		json_fail(p, UPLOAD_ERR_SYNTAX, "invalid JSON in row %zu: %s",
		    n, json_tokener_error_desc(jerr));
	else
		json_deliver(p, obj);

	json_object_put(obj);
	buf_reset(&p->elem);
	p->state = JS_AFTER;
}

/*
 * Scans element bytes for the element's end; return how many belong
 * to it, and set *done when it ends there.
 */
static size_t
json_scan_elem(struct upload_json *p, const char *s, size_t len,
    int *done)
{
	size_t	 i;

	*done = 0;
	for (i = 0; i < len; i++) {
		if (p->fresh) {
			p->fresh = 0;
			if (s[i] == '"') {
				p->in_string = 1;
				continue;
			}
			if (s[i] != '{' && s[i] != '[') {
				p->bare = 1;
				continue;
			}
		}
		if (p->in_string) {
			if (p->escape)
				p->escape = 0;
			else if (s[i] == '\\')
				p->escape = 1;
			else if (s[i] == '"') {
				p->in_string = 0;
				if (p->depth == 0)
					break;
			}
		} else if (p->bare) {
			if (s[i] == ',' || s[i] == ']' || json_is_space(s[i])) {
				*done = 1;
				return i;
			}
		} else if (s[i] == '"')
			p->in_string = 1;
		else if (s[i] == '{' || s[i] == '[') {
			if (++p->depth > UPLOAD_MAX_DEPTH) {
				json_fail(p, UPLOAD_ERR_SYNTAX,
				    "row %zu is nested too deeply",
				    p->rows + 1);
				return i;
			}
		} else if (s[i] == '}' || s[i] == ']') {
			if (--p->depth == 0)
				break;
		}
	}
	if (i == len)
		return len;
	*done = 1;
	return i + 1;
}

/* Starts an element; its first byte is scanned as part of it. */
static void
json_elem_begin(struct upload_json *p)
{
	p->state = JS_ELEM;
	p->depth = 0;
	p->in_string = p->escape = p->bare = 0;
	p->fresh = 1;
	if (p->rows >= p->lim.max_rows)
		json_fail(p, UPLOAD_ERR_TOO_MANY_ROWS,
		    "the file has more than %zu rows", p->lim.max_rows);
}

/* Feeds element bytes; return how many were used. */
static size_t
json_feed_elem(struct upload_json *p, const char *s, size_t len)
{
	size_t	 n;
	int	 done;

	n = json_scan_elem(p, s, len, &done);
	if (p->err != UPLOAD_OK)
		return n;
	if (buf_append(&p->elem, s, n) == -1) {
		json_fail(p, UPLOAD_ERR_FIELD_TOO_LONG,
		    "row %zu is longer than %d bytes", p->rows + 1,
		    UPLOAD_MAX_OBJECT);
		return n;
	}
	if (done)
		json_elem_end(p);
	return n;
}

/* One byte between elements. */
static void
json_punct(struct upload_json *p, char c)
{
	if (json_is_space(c))
		return;
	switch (p->state) {
	case JS_START:
		if (c == '[')
			p->state = JS_FIRST;
		else
			json_fail(p, UPLOAD_ERR_NOT_ARRAY,
			    "expected a JSON array of shift objects");
		break;
	case JS_FIRST:
		if (c == ']')
			p->state = JS_DONE;
		else
			json_elem_begin(p);
		break;
	case JS_NEXT:
		if (c == ']')
			json_fail(p, UPLOAD_ERR_SYNTAX,
			    "invalid JSON: a comma before ']'");
		else
			json_elem_begin(p);
		break;
	case JS_AFTER:
		if (c == ',')
			p->state = JS_NEXT;
		else if (c == ']')
			p->state = JS_DONE;
		else
			json_fail(p, UPLOAD_ERR_SYNTAX,
			    "invalid JSON: expected ',' or ']' after row %zu",
			    p->rows);
		break;
	default:
		json_fail(p, UPLOAD_ERR_SYNTAX,
		    "invalid JSON: text after the array");
		break;
	}
}

static void
json_parse(struct upload_json *p, const char *s, size_t len)
{
	const char	*nul;
	size_t		 i = 0;

	/* What comes before a NUL is read first, as in any chunking. */
	if ((nul = memchr(s, '\0', len)) != NULL) {
		json_parse(p, s, (size_t)(nul - s));
		json_fail(p, UPLOAD_ERR_ENCODING,
		    "the file contains a NUL byte; it is not JSON text");
		return;
	}
	while (i < len && p->err == UPLOAD_OK) {
		if (p->state == JS_ELEM) {
			i += json_feed_elem(p, s + i, len - i);
			continue;
		}
		json_punct(p, s[i]);
		/* An element's first byte is part of it. */
		if (p->state == JS_ELEM && p->err == UPLOAD_OK)
			continue;
		i++;
	}
}

static void
json_sniff_flush(struct upload_json *p)
{
	const char	*text;
	size_t		 n;

	p->err = upload_intake_sniff(&p->in, &text, &n, p->msg,
	    sizeof(p->msg));
	if (p->err == UPLOAD_OK)
		json_parse(p, text, n);
}

enum upload_err
upload_json_feed(struct upload_json *p, const void *data, size_t len)
{
	const char	*s = data;

	if (p->err != UPLOAD_OK || p->finished || len == 0)
		return p->err;
	p->err = upload_intake_take(&p->in, p->lim.max_bytes, &s, &len,
	    p->msg, sizeof(p->msg));
	if (p->err != UPLOAD_OK || upload_intake_holding(&p->in))
		return p->err;
	if (!p->in.sniffed)
		json_sniff_flush(p);

	if (p->err == UPLOAD_OK)
		json_parse(p, s, len);
	return p->err;
}

enum upload_err
upload_json_finish(struct upload_json *p)
{
	if (p->err != UPLOAD_OK || p->finished)
		return p->err;
	p->finished = 1;
	if (!p->in.sniffed)
		json_sniff_flush(p);
	if (p->err != UPLOAD_OK)
		return p->err;

	if (p->state == JS_START)
		json_fail(p, UPLOAD_ERR_EMPTY, "the file is empty");
	else if (p->state != JS_DONE)
		json_fail(p, UPLOAD_ERR_SYNTAX,
		    "invalid JSON: the file ends inside the array");
	else if (p->rows == 0)
		json_fail(p, UPLOAD_ERR_NO_ROWS,
		    "the array has no shift objects");
	return p->err;
}
