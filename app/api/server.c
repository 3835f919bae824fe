#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "api/request.h"
#include "api/router.h"
#include "api/rules_cache.h"
#include "api/server.h"
#include "common/conf.h"
#include "common/log.h"
#include "db/db.h"

#define WORKERS_MAX		256
/* A worker that dies sooner than this after its start is respawned
 * only after RESPAWN_DELAY, so a crash loop does not spin. */
#define RESPAWN_FAST_SECONDS	2
#define RESPAWN_DELAY_US	500000
/* How long the parent waits for workers to finish on shutdown. */
#define SHUTDOWN_GRACE_SECONDS	30

static volatile sig_atomic_t	 stopping;

struct api_worker {
	const struct conf	*conf;
	struct db		*db;
	struct rules_cache	*rules;		/* the worker's rule data */
	int			 listen_fd;
};

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
signals_set(void (*handler)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: accept() must return */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

struct rules_cache *
server_worker_rules(struct api_worker *w)
{
	return w->rules;
}

int
server_listen(const struct conf *c, char *err, size_t errlen)
{
	struct stat	 st;
	int		 fd;

	if (c->listen[0] == '\0') {
		if (fstat(0, &st) == -1 || !S_ISSOCK(st.st_mode)) {
			snprintf(err, errlen, "no listen address configured "
			    "and standard input is not a socket");
			return -1;
		}
		return 0;
	}
	if (c->listen[0] == '/')
		unlink(c->listen);
	if ((fd = FCGX_OpenSocket(c->listen, c->listen_backlog)) < 0) {
		snprintf(err, errlen, "cannot listen on %s", c->listen);
		return -1;
	}
	return fd;
}

/*
 * Serves requests until told to stop.  SIGTERM is blocked while a
 * request is in hand, so it is finished first.
 */
static void
worker_main(struct api_worker *w)
{
	FCGX_Request		 fcgi;
	struct api_request	 r;
	sigset_t		 term, old;

	signals_set(on_stop);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));

	w->db = db_new(w->conf);
	if (db_connect(w->db) != DB_OK)
		log_warn("api", NULL, "database unavailable at start: %s",
		    db_error(w->db));
	w->rules = rules_cache_new();
	if (rules_cache_get(w->rules, w->db, NULL) == NULL)
		log_warn("api", NULL, "no rule data at start: %s",
		    w->rules->error);
	FCGX_InitRequest(&fcgi, w->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);

	while (!stopping) {
		if (FCGX_Accept_r(&fcgi) < 0)
			break;
		sigprocmask(SIG_BLOCK, &term, &old);
		memset(&r, 0, sizeof(r));
		r.fcgi = &fcgi;
		r.worker = w;
		r.db = w->db;
		r.conf = w->conf;
		buf_init(&r.headers, RESP_HEADERS_MAX);
		api_dispatch(&r);
		buf_free(&r.headers);
		FCGX_Finish_r(&fcgi);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	rules_cache_free(w->rules);
	db_free(w->db);
	_exit(0);
}

static pid_t
worker_spawn(struct api_worker *w)
{
	pid_t	 pid;

	if ((pid = fork()) == -1) {
		log_error("api", NULL, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		worker_main(w);
	return pid;
}

/* Sends SIGTERM to every worker and waits, then SIGKILL stragglers. */
static void
workers_stop(pid_t *pids, int n)
{
	time_t	 deadline = time(NULL) + SHUTDOWN_GRACE_SECONDS;
	int	 i, alive;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	do {
		alive = 0;
		for (i = 0; i < n; i++) {
			if (pids[i] <= 0)
				continue;
			if (waitpid(pids[i], NULL, WNOHANG) == pids[i])
				pids[i] = 0;
			else
				alive++;
		}
		if (alive > 0)
			usleep(50000);
	} while (alive > 0 && time(NULL) < deadline);
	for (i = 0; i < n; i++)
		if (pids[i] > 0) {
			kill(pids[i], SIGKILL);
			waitpid(pids[i], NULL, 0);
		}
}

int
server_run(const struct conf *c, int listen_fd)
{
	struct api_worker	 w;
	pid_t			 pids[WORKERS_MAX], pid;
	time_t			 born[WORKERS_MAX];
	int			 n, i, status;

	n = c->workers > WORKERS_MAX ? WORKERS_MAX : c->workers;
	w.conf = c;
	w.db = NULL;
	w.rules = NULL;
	w.listen_fd = listen_fd;
	if (FCGX_Init() != 0) {
		log_error("api", NULL, "FastCGI library failed to start");
		return 1;
	}
	signals_set(on_stop);
	for (i = 0; i < n; i++) {
		pids[i] = worker_spawn(&w);
		born[i] = time(NULL);
	}
	log_info("api", NULL, "started %d workers", n);

	while (!stopping) {
		pid = waitpid(-1, &status, 0);
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < n && pids[i] != pid; i++)
			continue;
		if (i == n || stopping)
			continue;
		log_warn("api", NULL, "worker %ld ended (%s %d); restarting",
		    (long)pid, WIFSIGNALED(status) ? "signal" : "status",
		    WIFSIGNALED(status) ? WTERMSIG(status) :
		    WEXITSTATUS(status));
		if (time(NULL) - born[i] < RESPAWN_FAST_SECONDS)
			usleep(RESPAWN_DELAY_US);
		pids[i] = worker_spawn(&w);
		born[i] = time(NULL);
	}
	log_info("api", NULL, "stopping: letting workers finish");
	workers_stop(pids, n);
	log_info("api", NULL, "stopped");
	return 0;
}
