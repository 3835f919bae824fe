#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/auth.h"
#include "api/request.h"
#include "common/log.h"
#include "common/util.h"
#include "db/accounts.h"
#include "db/db.h"

#define RATE_WINDOW_SECONDS	60
/* Windows older than this are deleted now and then. */
#define RATE_KEEP_SECONDS	600
/* One request in this many sweeps the old windows. */
#define RATE_SWEEP_ODDS		1000
/* Keys a worker remembers, and for how long. */
#define KEY_CACHE_SIZE		64
#define KEY_CACHE_SECONDS	10

/*
 * A key this worker has verified: what never changes for a key (its
 * secret's hash, its organisation) and its limits, which may lag by
 * KEY_CACHE_SECONDS.  Whether the key is revoked or its organisation
 * suspended is never taken from here: the statement that counts the
 * request checks both, so they take effect at once.
 */
struct key_cached {
	struct key_info	 info;
	char		 secret_sha256[SHA256_HEXLEN];
	time_t		 verified;
};

/* Each worker process has its own; workers handle one request at once. */
static struct key_cached	 key_cache[KEY_CACHE_SIZE];
static size_t			 key_cache_next;

static const char sql_rate_hit[] =
    "INSERT INTO rate_windows (key_id, category, window_start, hits)"
    " VALUES (?, ?, ?, 1)"
    " ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)";
/* The same, counted only while the key and its organisation may work. */
static const char sql_rate_hit_live[] =
    "INSERT INTO rate_windows (key_id, category, window_start, hits)"
    " SELECT k.id, ?, ?, 1 FROM api_keys k"
    " JOIN organisations o ON o.id = k.org_id"
    " WHERE k.id = ? AND k.revoked_at IS NULL AND o.status = 'active'"
    " ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)";
static const char sql_rate_sweep[] =
    "DELETE FROM rate_windows WHERE window_start < ?";

static struct key_cached *
key_cache_find(const char *id, const char *secret_sha256)
{
	struct key_cached	*c;
	size_t			 i;
	time_t			 now = time(NULL);

	for (i = 0; i < KEY_CACHE_SIZE; i++) {
		c = &key_cache[i];
		if (c->verified == 0 || strcmp(c->info.key_id, id) != 0)
			continue;
		if (now - c->verified > KEY_CACHE_SECONDS ||
		    !ct_equal(c->secret_sha256, secret_sha256,
		    SHA256_HEXLEN - 1))
			return NULL;
		return c;
	}
	return NULL;
}

static void
key_cache_put(const struct key_info *info, const char *secret_sha256)
{
	struct key_cached	*c = NULL;
	size_t			 i;

	for (i = 0; i < KEY_CACHE_SIZE && c == NULL; i++)
		if (strcmp(key_cache[i].info.key_id, info->key_id) == 0)
			c = &key_cache[i];
	if (c == NULL) {
		c = &key_cache[key_cache_next];
		key_cache_next = (key_cache_next + 1) % KEY_CACHE_SIZE;
	}
	c->info = *info;
	memcpy(c->secret_sha256, secret_sha256, SHA256_HEXLEN);
	c->verified = time(NULL);
}

static void
key_cache_drop(struct key_cached *c)
{
	memset(c, 0, sizeof(*c));
}

/* The token of the Authorization header, or NULL after a 401. */
static const char *
auth_token(struct api_request *r)
{
	const char	*h;

	h = api_param(r, "HTTP_AUTHORIZATION");
	if (h == NULL || *h == '\0') {
		api_header(r, "WWW-Authenticate", "Bearer");
		api_reply_error(r, HTTP_UNAUTHORIZED, NULL,
		    "Missing API key: send Authorization: Bearer "
		    "ak_<id>:sk_<secret>");
		return NULL;
	}
	if (strncasecmp(h, "Bearer ", 7) != 0) {
		api_header(r, "WWW-Authenticate", "Bearer");
		api_reply_error(r, HTTP_UNAUTHORIZED, NULL,
		    "The Authorization header must use the Bearer scheme");
		return NULL;
	}
	for (h += 7; *h == ' '; h++)
		continue;
	return h;
}

/* Answers a key that is not valid: 401 or 403. */
static void
auth_refuse(struct api_request *r, enum key_state state)
{
	switch (state) {
	case KEY_REVOKED:
		api_reply_error(r, HTTP_FORBIDDEN, NULL,
		    "This API key has been revoked");
		return;
	case KEY_SUSPENDED:
		api_reply_error(r, HTTP_FORBIDDEN, NULL,
		    "The organisation of this API key is suspended");
		return;
	case KEY_VALID:
	case KEY_UNKNOWN:
		break;
	}
	api_header(r, "WWW-Authenticate", "Bearer");
	api_reply_error(r, HTTP_UNAUTHORIZED, NULL, "Invalid API key");
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

/*
 * Counts the request in the key's current window.  With live set, it
 * is counted only if the key and its organisation may still work;
 * *hits is 0 when they may not.  Returns a db_status.
 */
static int
rate_hit(struct api_request *r, enum route_limit cat, int live,
    long long *hits)
{
	struct db_param	 p[3];
	long long	 now, rc;

	now = (long long)time(NULL);
	if (live) {
		p[0] = DB_INT(cat);
		p[1] = DB_INT(now - now % RATE_WINDOW_SECONDS);
		p[2] = DB_STR(r->key.key_id);
		rc = db_exec(r->db, sql_rate_hit_live, p, 3);
	} else {
		p[0] = DB_STR(r->key.key_id);
		p[1] = DB_INT(cat);
		p[2] = DB_INT(now - now % RATE_WINDOW_SECONDS);
		rc = db_exec(r->db, sql_rate_hit, p, 3);
	}
	if (rc < 0)
		return (int)rc;
	/* One row inserted: the first hit; two: an update to insert_id. */
	*hits = rc == 0 ? 0 : rc == 1 ? 1 : (long long)db_insert_id(r->db);
	rate_sweep(r, now);
	return DB_OK;
}

/* The limit headers, and 429 past the limit.  Return 0 or -1. */
static int
rate_answer(struct api_request *r, enum route_limit cat, long long hits)
{
	long long	 now, start, limit;

	limit = cat == LIMIT_CALC ? r->key.limit_calc : r->key.limit_other;
	now = (long long)time(NULL);
	start = now - now % RATE_WINDOW_SECONDS;
	api_header(r, "X-RateLimit-Limit", "%lld", limit);
	api_header(r, "X-RateLimit-Remaining", "%lld",
	    hits >= limit ? 0 : limit - hits);
	api_header(r, "X-RateLimit-Reset", "%lld",
	    start + RATE_WINDOW_SECONDS);
	if (hits <= limit)
		return 0;
	api_header(r, "Retry-After", "%lld",
	    start + RATE_WINDOW_SECONDS - now);
	api_reply_error(r, HTTP_TOO_MANY_REQUESTS, NULL,
	    "Rate limit of %lld requests per minute exceeded", limit);
	return -1;
}

/*
 * A key seen lately takes one statement: the count, which also checks
 * that the key is not revoked and its organisation not suspended.  A
 * key not seen lately, or one that statement refuses, is looked up in
 * full, which says why it is refused.
 */
int
auth_admit(struct api_request *r, enum route_limit cat)
{
	struct key_cached	*c;
	const char		*token, *secret;
	char			 id[KEY_ID_HEX + 1], hash[SHA256_HEXLEN];
	long long		 hits = 0;
	int			 rc;

	if ((token = auth_token(r)) == NULL)
		return -1;
	if (key_token_parse(token, id, &secret) == -1) {
		auth_refuse(r, KEY_UNKNOWN);
		return -1;
	}
	sha256_hex(secret, KEY_SECRET_HEX, hash);
	if ((c = key_cache_find(id, hash)) != NULL) {
		r->key = c->info;
		if ((rc = rate_hit(r, cat, 1, &hits)) != DB_OK) {
			api_reply_db_error(r, rc);
			return -1;
		}
		if (hits > 0) {
			r->authenticated = 1;
			return rate_answer(r, cat, hits);
		}
		key_cache_drop(c);
	}
	if ((rc = key_verify(r->db, token, &r->key)) != DB_OK) {
		api_reply_db_error(r, rc);
		return -1;
	}
	if (r->key.state != KEY_VALID) {
		auth_refuse(r, r->key.state);
		return -1;
	}
	r->authenticated = 1;
	key_cache_put(&r->key, hash);
	if ((rc = rate_hit(r, cat, 0, &hits)) != DB_OK) {
		api_reply_db_error(r, rc);
		return -1;
	}
	return rate_answer(r, cat, hits);
}
