#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/request.h"
#include "common/conf.h"
#include "common/log.h"
#include "common/util.h"
#include "db/db.h"

#define JSON_BODY_MAX	(1024 * 1024)
#define JSON_DEPTH_MAX	16
#define READ_CHUNK	65536

struct status_name {
	int		 status;
	const char	*reason;
	const char	*code;
};

static const struct status_name status_names[] = {
	{ 200, "OK", NULL },
	{ 201, "Created", NULL },
	{ 202, "Accepted", NULL },
	{ 204, "No Content", NULL },
	{ 400, "Bad Request", "bad_request" },
	{ 401, "Unauthorized", "unauthorized" },
	{ 403, "Forbidden", "forbidden" },
	{ 404, "Not Found", "not_found" },
	{ 405, "Method Not Allowed", "method_not_allowed" },
	{ 409, "Conflict", "conflict" },
	{ 413, "Payload Too Large", "payload_too_large" },
	{ 415, "Unsupported Media Type", "unsupported_media_type" },
	{ 422, "Unprocessable Entity", "validation_error" },
	{ 429, "Too Many Requests", "rate_limited" },
	{ 500, "Internal Server Error", "internal_server_error" },
	{ 501, "Not Implemented", "not_implemented" },
	{ 503, "Service Unavailable", "service_unavailable" },
};

static const struct status_name *
status_find(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
		if (status_names[i].status == status)
			return &status_names[i];
	if (status == HTTP_INTERNAL_ERROR)
		abort();
	return status_find(HTTP_INTERNAL_ERROR);
}

const char *
api_param(const struct api_request *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgi->envp);
}

void
api_header(struct api_request *r, const char *name, const char *fmt, ...)
{
	va_list	 ap;

	buf_printf(&r->headers, "%s: ", name);
	va_start(ap, fmt);
	buf_vprintf(&r->headers, fmt, ap);
	va_end(ap);
	buf_puts(&r->headers, "\r\n");
}

static void
api_send_head(struct api_request *r, int status, const char *ctype,
    size_t clen, int has_len)
{
	const struct status_name	*s = status_find(status);
	struct buf			 h;

	r->status = status;
	r->answered = 1;
	/* libfcgi's own printf lacks %zu; the head is built here. */
	buf_init(&h, 0);
	buf_printf(&h, "Status: %d %s\r\n", status, s->reason);
	if (ctype != NULL)
		buf_printf(&h, "Content-Type: %s\r\n", ctype);
	if (has_len)
		buf_printf(&h, "Content-Length: %zu\r\n", clen);
	buf_printf(&h, "X-Request-Id: %s\r\n", r->request_id);
	if (r->headers.len > 0)
		buf_append(&h, r->headers.data, r->headers.len);
	buf_puts(&h, "\r\n");
	FCGX_PutStr(h.data, (int)h.len, r->fcgi->out);
	buf_free(&h);
}

void
api_reply_json(struct api_request *r, int status, json_object *obj)
{
	const char	*text;
	size_t		 len;

	if (r->answered) {
		json_object_put(obj);
		return;
	}
	text = json_object_to_json_string_length(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	api_send_head(r, status, "application/json", len, 1);
	FCGX_PutStr(text, (int)len, r->fcgi->out);
	json_object_put(obj);
}

void
api_reply_empty(struct api_request *r, int status)
{
	if (!r->answered)
		api_send_head(r, status, NULL, 0, 0);
}

void
api_reply_error(struct api_request *r, int status, json_object *fields,
    const char *fmt, ...)
{
	json_object	*o;
	char		 detail[1024];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	o = json_object_new_object();
	json_object_object_add(o, "error",
	    json_object_new_string(status_find(status)->code));
	json_object_object_add(o, "detail", json_object_new_string(detail));
	json_object_object_add(o, "status_code",
	    json_object_new_int(status));
	json_object_object_add(o, "request_id",
	    json_object_new_string(r->request_id));
	if (fields != NULL)
		json_object_object_add(o, "fields", fields);
	api_reply_json(r, status, o);
}

void
api_reply_db_down(struct api_request *r)
{
	api_header(r, "Retry-After", "%d", r->conf->db_retry_after);
	api_reply_error(r, HTTP_SERVICE_UNAVAILABLE, NULL,
	    "The database is unavailable; try again shortly");
}

void
api_reply_db_error(struct api_request *r, int rc)
{
	if (rc == DB_DOWN) {
		api_reply_db_down(r);
		return;
	}
	log_error("api", r->request_id, "database: %s", db_error(r->db));
	api_reply_error(r, HTTP_INTERNAL_ERROR, NULL,
	    "An internal error occurred");
}

void
api_stream_start(struct api_request *r, int status,
    const char *content_type)
{
	if (!r->answered)
		api_send_head(r, status, content_type, 0, 0);
}

int
api_write(struct api_request *r, const void *p, size_t n)
{
	return FCGX_PutStr(p, (int)n, r->fcgi->out) == (int)n ? 0 : -1;
}

int
api_read_body(struct api_request *r, struct buf *b)
{
	const char	*cl;
	long long	 want = -1;
	char		 chunk[READ_CHUNK];
	int		 n;

	if ((cl = api_param(r, "CONTENT_LENGTH")) != NULL && *cl != '\0' &&
	    parse_long(cl, 0, 1LL << 40, &want) == -1) {
		api_reply_error(r, HTTP_BAD_REQUEST, NULL,
		    "Content-Length is not a number");
		return -1;
	}
	if (want > 0 && b->max != 0 && (size_t)want > b->max) {
		api_reply_error(r, HTTP_PAYLOAD_TOO_LARGE, NULL,
		    "The request body is over %zu bytes", b->max);
		return -1;
	}
	while ((n = FCGX_GetStr(chunk, sizeof(chunk), r->fcgi->in)) > 0) {
		if (buf_append(b, chunk, (size_t)n) == -1) {
			api_reply_error(r, HTTP_PAYLOAD_TOO_LARGE, NULL,
			    "The request body is over %zu bytes", b->max);
			return -1;
		}
	}
	if (want >= 0 && b->len != (size_t)want) {
		api_reply_error(r, HTTP_BAD_REQUEST, NULL,
		    "The request body ended early");
		return -1;
	}
	return 0;
}

/* True for an absent media type or one that is JSON. */
static int
is_json_type(const char *ct)
{
	size_t	 n = strlen("application/json");

	if (ct == NULL || *ct == '\0')
		return 1;
	return strncasecmp(ct, "application/json", n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

json_object *
api_read_json_object(struct api_request *r)
{
	struct json_tokener	*tok;
	enum json_tokener_error	 jerr;
	json_object		*obj;
	struct buf		 body;

	if (!is_json_type(api_param(r, "CONTENT_TYPE"))) {
		api_reply_error(r, HTTP_UNSUPPORTED_MEDIA_TYPE, NULL,
		    "The body must be application/json");
		return NULL;
	}
	buf_init(&body, JSON_BODY_MAX);
	if (api_read_body(r, &body) == -1) {
		buf_free(&body);
		return NULL;
	}
	if (body.len == 0) {
		buf_free(&body);
		api_reply_error(r, HTTP_BAD_REQUEST, NULL,
		    "The request body is empty; a JSON object is expected");
		return NULL;
	}
	tok = json_tokener_new_ex(JSON_DEPTH_MAX);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	obj = json_tokener_parse_ex(tok, body.data, (int)body.len);
	jerr = json_tokener_get_error(tok);
	if (jerr == json_tokener_success &&
	    json_tokener_get_parse_end(tok) < body.len) {
		json_object_put(obj);
		obj = NULL;
		api_reply_error(r, HTTP_BAD_REQUEST, NULL,
		    "Unexpected text after the JSON value");
	} else if (jerr != json_tokener_success) {
		json_object_put(obj);
		obj = NULL;
		if (jerr == json_tokener_continue)
			api_reply_error(r, HTTP_BAD_REQUEST, NULL,
			    "The JSON body is incomplete");
		else
			api_reply_error(r, HTTP_BAD_REQUEST, NULL,
			    "The body is not valid JSON: %s",
			    json_tokener_error_desc(jerr));
	} else if (!json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		obj = NULL;
		api_reply_error(r, HTTP_BAD_REQUEST, NULL,
		    "The body must be a JSON object");
	}
	json_tokener_free(tok);
	buf_free(&body);
	return obj;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes n bytes of a query component; -1 when it does not fit. */
static int
url_decode(const char *s, size_t n, char *out, size_t outlen)
{
	size_t	 i, o = 0;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (o + 1 >= outlen)
			return -1;
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0) {
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return 0;
}

int
api_query_get(const struct api_request *r, const char *key, char *out,
    size_t outlen)
{
	const char	*p = r->query, *amp, *eq;
	size_t		 klen = strlen(key);

	while (p != NULL && *p != '\0') {
		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq != NULL && (size_t)(eq - p) == klen &&
		    strncmp(p, key, klen) == 0)
			return url_decode(eq + 1, (size_t)(amp - eq - 1), out,
			    outlen);
		p = *amp == '&' ? amp + 1 : amp;
	}
	return -1;
}
