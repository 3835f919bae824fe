#include "config.h"

#include <time.h>

#include "common/conf.h"
#include "common/log.h"
#include "db/db.h"
#include "processor/processor.h"

#define BACKOFF_MIN_MS	250
#define BACKOFF_MAX_MS	10000

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
 * One poll: returns 1 when work was done (poll again at once), 0 when
 * idle, or a db_status when the database failed.
 *
 * XXX: batches are not yet taken from the jobs table; the poll only
 * proves the connection, so the daemon idles.
 */
static int
processor_poll(struct db *db)
{
	int	 rc;

	if ((rc = db_ping(db)) != DB_OK)
		return rc;
	return 0;
}

int
processor_run(const struct conf *c, volatile sig_atomic_t *stop)
{
	struct db	*db;
	int		 rc, backoff = BACKOFF_MIN_MS, down = 0;

	db = db_new(c);
	log_info("processor", NULL, "started");
	while (!*stop) {
		rc = processor_poll(db);
		if (rc < 0) {
			if (!down)
				log_warn("processor", NULL,
				    "database unavailable: %s; retrying",
				    db_error(db));
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
	db_free(db);
	return 0;
}
