/*
 * One HTTP request as the FastCGI server hands it to a handler, and
 * the helpers that answer it.  The caller (the worker loop) owns the
 * request; a handler answers it exactly once, through api_reply_json,
 * api_reply_error or the streaming calls.
 */
#ifndef AWARD_API_REQUEST_H
#define AWARD_API_REQUEST_H

#include <stddef.h>

#include <fcgiapp.h>
#include <json-c/json.h>

#include "common/buf.h"
#include "db/accounts.h"

struct conf;
struct db;
struct api_worker;

#define REQUEST_ID_MAX		64
#define PATH_PARAMS_MAX		2
#define PATH_PARAM_MAX		64
#define RESP_HEADERS_MAX	2048

enum api_status {
	HTTP_OK = 200,
	HTTP_CREATED = 201,
	HTTP_ACCEPTED = 202,
	HTTP_NO_CONTENT = 204,
	HTTP_BAD_REQUEST = 400,
	HTTP_UNAUTHORIZED = 401,
	HTTP_FORBIDDEN = 403,
	HTTP_NOT_FOUND = 404,
	HTTP_METHOD_NOT_ALLOWED = 405,
	HTTP_CONFLICT = 409,
	HTTP_PAYLOAD_TOO_LARGE = 413,
	HTTP_UNSUPPORTED_MEDIA_TYPE = 415,
	HTTP_UNPROCESSABLE = 422,
	HTTP_TOO_MANY_REQUESTS = 429,
	HTTP_INTERNAL_ERROR = 500,
	HTTP_NOT_IMPLEMENTED = 501,
	HTTP_SERVICE_UNAVAILABLE = 503,
};

struct api_request {
	FCGX_Request		*fcgi;
	struct api_worker	*worker;
	struct db		*db;
	const struct conf	*conf;

	const char		*method;
	const char		*path;		/* without the query string */
	const char		*query;		/* "" when none */
	char			 path_buf[1024];
	char			 request_id[REQUEST_ID_MAX + 1];
	char			 param[PATH_PARAMS_MAX][PATH_PARAM_MAX + 1];

	struct key_info		 key;		/* set once authenticated */
	int			 authenticated;

	struct buf		 headers;	/* extra response headers */
	int			 status;	/* once answered */
	int			 answered;
	double			 started_ms;
};

/* A request header (CGI name, e.g. "HTTP_AUTHORIZATION"), or NULL. */
const char	*api_param(const struct api_request *, const char *name);

/* Adds a response header line; name and value must be trusted text. */
void	api_header(struct api_request *, const char *name,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Answers with a JSON body; takes ownership of obj (may be NULL). */
void	api_reply_json(struct api_request *, int status, json_object *obj);
void	api_reply_empty(struct api_request *, int status);

/*
 * Answers with the contract's error object.  fields, when not NULL, is
 * a JSON array of {"field", "msg"} objects and is taken over.
 */
void	api_reply_error(struct api_request *, int status,
	    json_object *fields, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* The 503 answer for a database that cannot be reached. */
void	api_reply_db_down(struct api_request *);
/* Maps a db_status to the right error answer. */
void	api_reply_db_error(struct api_request *, int db_status);

/* Starts a streamed answer: status and headers, then api_write calls. */
void	api_stream_start(struct api_request *, int status,
	    const char *content_type);
int	api_write(struct api_request *, const void *, size_t);

/*
 * Reads the whole body into b (whose max is the cap).  Return 0, or
 * -1 after answering 413 (too large) or 400 (short read).
 */
int	api_read_body(struct api_request *, struct buf *b);

/*
 * Parses the body as one JSON object with the contract's limits on
 * size and depth.  Returns the object, or NULL after answering.
 */
json_object *api_read_json_object(struct api_request *);

/* The value of key in the query string, decoded into out. */
int	api_query_get(const struct api_request *, const char *key,
	    char *out, size_t outlen);

#endif
