/*
 * award-processor: the batch daemon.  Connects to the database and
 * polls for queued work until SIGTERM or SIGINT, retrying the database
 * with backoff while it is unreachable.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/conf.h"
#include "common/log.h"
#include "db/db.h"
#include "processor/processor.h"

static volatile sig_atomic_t	 stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: award-processor [--config FILE]\n");
}

int
main(int argc, char *argv[])
{
	struct sigaction	 sa;
	struct conf		 conf;
	const char		*config = NULL;
	char			 err[512];
	int			 rc;

	if (argc == 3 && strcmp(argv[1], "--config") == 0)
		config = argv[2];
	else if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	} else if (argc != 1) {
		usage(stderr);
		return 2;
	}
	conf_defaults(&conf);
	if (conf_load(&conf, conf_path(config), err, sizeof(err)) == -1) {
		fprintf(stderr, "award-processor: %s\n", err);
		return 1;
	}
	log_open("award-processor", conf.log_syslog,
	    conf.log_debug ? LOG_LVL_DEBUG : LOG_LVL_INFO);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	rc = processor_run(&conf, &stopping);
	log_close();
	return rc;
}
