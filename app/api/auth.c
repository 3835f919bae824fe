#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/auth.h"
#include "api/request.h"
#include "common/log.h"
#include "db/db.h"

#define RATE_WINDOW_SECONDS	60
/* Windows older than this are deleted now and then. */
#define RATE_KEEP_SECONDS	600
/* One request in this many sweeps the old windows. */
#define RATE_SWEEP_ODDS		1000

static const char sql_rate_hit[] =
    "INSERT INTO rate_windows (key_id, category, window_start, hits)"
    " VALUES (?, ?, ?, 1)"
    " ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)";
static const char sql_rate_sweep[] =
    "DELETE FROM rate_windows WHERE window_start < ?";

int
auth_check(struct api_request *r)
{
	const char	*h;
	int		 rc;

	h = api_param(r, "HTTP_AUTHORIZATION");
	if (h == NULL || *h == '\0') {
		api_header(r, "WWW-Authenticate", "Bearer");
		api_reply_error(r, HTTP_UNAUTHORIZED, NULL,
		    "Missing API key: send Authorization: Bearer "
		    "ak_<id>:sk_<secret>");
		return -1;
	}
	if (strncasecmp(h, "Bearer ", 7) != 0) {
		api_header(r, "WWW-Authenticate", "Bearer");
		api_reply_error(r, HTTP_UNAUTHORIZED, NULL,
		    "The Authorization header must use the Bearer scheme");
		return -1;
	}
	for (h += 7; *h == ' '; h++)
		continue;
	if ((rc = key_verify(r->db, h, &r->key)) != DB_OK) {
		api_reply_db_error(r, rc);
		return -1;
	}
	switch (r->key.state) {
	case KEY_VALID:
		r->authenticated = 1;
		return 0;
	case KEY_REVOKED:
		api_reply_error(r, HTTP_FORBIDDEN, NULL,
		    "This API key has been revoked");
		return -1;
	case KEY_SUSPENDED:
		api_reply_error(r, HTTP_FORBIDDEN, NULL,
		    "The organisation of this API key is suspended");
		return -1;
	case KEY_UNKNOWN:
		break;
	}
	api_header(r, "WWW-Authenticate", "Bearer");
	api_reply_error(r, HTTP_UNAUTHORIZED, NULL, "Invalid API key");
	return -1;
}

/* Deletes windows nobody will count again; failure does not matter. */
static void
rate_sweep(struct api_request *r, long long now)
{
	struct db_param	 p[1];

	if (random() % RATE_SWEEP_ODDS != 0)
		return;
	p[0] = DB_INT(now - RATE_KEEP_SECONDS);
	if (db_exec(r->db, sql_rate_sweep, p, 1) < 0)
		log_warn("api", r->request_id, "rate window sweep failed");
}

int
rate_limit_check(struct api_request *r, enum route_limit cat)
{
	struct db_param	 p[3];
	long long	 now, start, limit, hits, rc, remaining;

	if (cat == LIMIT_NONE)
		return 0;
	limit = cat == LIMIT_CALC ? r->key.limit_calc : r->key.limit_other;
	now = (long long)time(NULL);
	start = now - now % RATE_WINDOW_SECONDS;
	p[0] = DB_STR(r->key.key_id);
	p[1] = DB_INT(cat);
	p[2] = DB_INT(start);
	if ((rc = db_exec(r->db, sql_rate_hit, p, 3)) < 0) {
		api_reply_db_error(r, (int)rc);
		return -1;
	}
	/* One row inserted: the first hit; two: an update to insert_id. */
	hits = rc == 1 ? 1 : (long long)db_insert_id(r->db);
	remaining = hits >= limit ? 0 : limit - hits;
	api_header(r, "X-RateLimit-Limit", "%lld", limit);
	api_header(r, "X-RateLimit-Remaining", "%lld", remaining);
	api_header(r, "X-RateLimit-Reset", "%lld",
	    start + RATE_WINDOW_SECONDS);
	rate_sweep(r, now);
	if (hits <= limit)
		return 0;
	api_header(r, "Retry-After", "%lld",
	    start + RATE_WINDOW_SECONDS - now);
	api_reply_error(r, HTTP_TOO_MANY_REQUESTS, NULL,
	    "Rate limit of %lld requests per minute exceeded", limit);
	return -1;
}
