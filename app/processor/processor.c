#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/rules_cache.h"
#include "common/conf.h"
#include "common/log.h"
#include "common/util.h"
#include "db/batchstore.h"
#include "db/db.h"
#include "engine/ruleset.h"
#include "processor/processor.h"
#include "processor/review.h"

#define BACKOFF_MIN_MS		250
#define BACKOFF_MAX_MS		10000
#define HOST_LEN		32
#define ERR_LEN			512

struct processor {
	const struct conf	*conf;
	struct db		*db;
	char			 owner[BATCH_OWNER_LEN];
	struct rules_cache	*rules;
	unsigned long long	 rules_version;
	time_t			 reclaimed;
	struct review		 review;
};

/* Sleeps ms milliseconds unless a stop is asked for. */
static void
nap(int ms, volatile sig_atomic_t *stop)
{
	struct timespec	 ts;

	if (*stop)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * The rule data to review with: the newest version, reloaded by the
 * cache when a newer one is stored.  DB_ERROR when none can be had.
 */
static int
rules_refresh(struct processor *p)
{
	const struct ruleset	*rs;
	unsigned long long	 v;

	if ((rs = rules_cache_get(p->rules, p->db, &v)) == NULL) {
		log_warn("processor", NULL, "%s", p->rules->error);
		return DB_ERROR;
	}
	if (v != p->rules_version)
		log_info("processor", NULL, "rule data version %llu", v);
	p->rules_version = v;
	p->review.rules = rs;
	return DB_OK;
}

static int
on_row(unsigned row_index, char *fields, long long today, long long week,
    const char *error, void *arg)
{
	return review_row(arg, row_index, fields, today, week, error);
}

/* Reviews a claimed chunk and commits its results. */
static int
chunk_process(struct processor *p, const struct batch_chunk *c)
{
	struct chunk_batch_state	 st;
	double				 t0 = clock_ms();
	int				 rc;

	if (c->chunk_no == 0 && c->attempts == 1)
		log_info("processor", c->batch_id, "claimed");
	review_reset(&p->review);
	if ((rc = chunk_rows(p->db, c, on_row, &p->review)) != DB_OK)
		return rc;
	review_seal(&p->review);
	rc = chunk_commit(p->db, p->owner, c, p->review.results,
	    p->review.n, &p->review.totals, &st);
	if (rc < 0)
		return rc;
	if (rc == CHUNK_LOST) {
		log_info("processor", c->batch_id, "chunk %u dropped: the "
		    "batch was cancelled or deleted, or the claim lapsed",
		    c->chunk_no);
		return DB_OK;
	}
	log_debug("processor", c->batch_id, "chunk %u: %zu rows in %.1f ms",
	    c->chunk_no, p->review.n, clock_ms() - t0);
	if (st.complete)
		log_info("processor", c->batch_id, "complete: %lld rows in "
		    "%.3f s (%.0f rows/s)", st.total_rows,
		    st.elapsed_ms / 1000.0, st.elapsed_ms > 0 ?
		    st.total_rows * 1000.0 / st.elapsed_ms : 0.0);
	return DB_OK;
}

/*
 * One poll: puts back lapsed claims now and then, claims a chunk and
 * processes it.  Returns 1 when work was done (poll again at once), 0
 * when idle, or a db_status.
 */
static int
processor_poll(struct processor *p)
{
	struct batch_chunk	 c;
	char			 msg[ERR_LEN];
	long long		 n;
	int			 rc;

	if ((rc = rules_refresh(p)) != DB_OK)
		return rc;
	if (time(NULL) != p->reclaimed) {
		p->reclaimed = time(NULL);
		if ((n = chunk_reclaim_expired(p->db)) < 0)
			return (int)n;
		if (n > 0)
			log_warn("processor", NULL, "%lld lapsed chunk claims "
			    "put back", n);
	}
	if ((rc = chunk_claim(p->db, p->owner, p->conf->lease_seconds,
	    &c)) <= 0)
		return rc;
	if (c.attempts > BATCH_MAX_ATTEMPTS) {
		snprintf(msg, sizeof(msg), "Rows %u to %u could not be "
		    "processed after %d attempts", c.first_row, c.last_row,
		    BATCH_MAX_ATTEMPTS);
		log_error("processor", c.batch_id, "failed: %s", msg);
		rc = batch_fail(p->db, c.batch_id, msg);
		return rc < 0 ? rc : 1;
	}
	if ((rc = chunk_process(p, &c)) < 0)
		return rc;
	return 1;
}

int
processor_run(const struct conf *c, volatile sig_atomic_t *stop)
{
	struct processor	 p;
	char			 host[HOST_LEN];
	char			 rnd[9];
	int			 rc, backoff = BACKOFF_MIN_MS, down = 0;

	memset(&p, 0, sizeof(p));
	p.conf = c;
	p.db = db_new(c);
	review_init(&p.review, NULL);
	p.rules = rules_cache_new();
	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	if (random_hex(rnd, 4) == -1)
		snprintf(rnd, sizeof(rnd), "0");
	snprintf(p.owner, sizeof(p.owner), "%s:%ld:%s", host,
	    (long)getpid(), rnd);
	log_info("processor", NULL, "started as %s", p.owner);

	while (!*stop) {
		rc = processor_poll(&p);
		if (rc < 0) {
			if (!down)
				log_warn("processor", NULL, "%s: %s; retrying",
				    rc == DB_DOWN ? "database unavailable" :
				    "database error", db_error(p.db));
			down = 1;
			nap(backoff, stop);
			backoff = backoff * 2 > BACKOFF_MAX_MS ?
			    BACKOFF_MAX_MS : backoff * 2;
			continue;
		}
		if (down)
			log_info("processor", NULL, "database reachable again");
		down = 0;
		backoff = BACKOFF_MIN_MS;
		if (rc == 0)
			nap(c->poll_interval_ms, stop);
	}
	log_info("processor", NULL, "stopped");
	review_free(&p.review);
	rules_cache_free(p.rules);
	db_free(p.db);
	return 0;
}
