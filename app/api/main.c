/*
 * award-api: the FastCGI application.  Reads the configuration, opens
 * the listening socket (or takes the one inherited as fd 0) and runs
 * the pre-forked workers.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/server.h"
#include "common/conf.h"
#include "common/log.h"
#include "common/util.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: award-api [--config FILE] [--workers N] "
	    "[--listen ADDRESS]\n"
	    "  ADDRESS is host:port or a unix socket path; without one,\n"
	    "  the socket inherited as standard input is used.\n");
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "workers", required_argument, NULL, 'w' },
		{ "listen", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct conf	 conf;
	const char	*config = NULL, *listen = NULL;
	char		 err[512];
	long long	 workers = 0;
	int		 ch, fd;

	while ((ch = getopt_long(argc, argv, "c:w:l:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			config = optarg;
			break;
		case 'w':
			if (parse_long(optarg, 1, 256, &workers) == -1) {
				fprintf(stderr, "award-api: --workers takes "
				    "1 to 256\n");
				return 2;
			}
			break;
		case 'l':
			listen = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("award-api %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}

	conf_defaults(&conf);
	if (conf_load(&conf, conf_path(config), err, sizeof(err)) == -1) {
		fprintf(stderr, "award-api: %s\n", err);
		return 1;
	}
	if (workers > 0)
		conf.workers = (int)workers;
	if (listen != NULL)
		snprintf(conf.listen, sizeof(conf.listen), "%s", listen);
	log_open("award-api", conf.log_syslog,
	    conf.log_debug ? LOG_LVL_DEBUG : LOG_LVL_INFO);

	if ((fd = server_listen(&conf, err, sizeof(err))) == -1) {
		log_error("api", NULL, "%s", err);
		return 1;
	}
	return server_run(&conf, fd);
}
