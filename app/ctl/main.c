/*
 * awardctl: migrations, organisations, API keys and rule data.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/conf.h"
#include "common/log.h"
#include "ctl/ctl.h"
#include "db/db.h"

struct ctl_command {
	const char	*name;
	int		(*fn)(struct ctl *, int, char **);
	const char	*help;
};

static const struct ctl_command commands[] = {
	{ "migrate", ctl_migrate, "migrate [SQL_DIR]" },
	{ "org", ctl_org, "org create NAME | list | suspend NAME |"
	    " activate NAME | limits NAME CALC OTHER" },
	{ "key", ctl_key, "key create ORG [LABEL] | list | revoke KEY_ID" },
	{ "rules", ctl_rules, "rules load [DIR] | list" },
};

int
ctl_fail(const char *fmt, ...)
{
	va_list	 ap;

	fputs("awardctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static void
usage(FILE *f)
{
	size_t	 i;

	fprintf(f, "usage: awardctl [--config FILE] COMMAND ...\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %s\n", commands[i].help);
}

int
main(int argc, char *argv[])
{
	struct conf	 conf;
	struct ctl	 ctl;
	const char	*config = NULL;
	char		 err[512];
	size_t		 i;
	int		 rc;

	argc--;
	argv++;
	if (argc >= 2 && strcmp(argv[0], "--config") == 0) {
		config = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc == 0 || strcmp(argv[0], "--help") == 0) {
		usage(argc == 0 ? stderr : stdout);
		return argc == 0 ? 2 : 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, argv[0]) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		usage(stderr);
		return 2;
	}

	conf_defaults(&conf);
	if (conf_load(&conf, conf_path(config), err, sizeof(err)) == -1)
		return ctl_fail("%s", err);
	log_open("awardctl", 0, LOG_LVL_WARN);
	ctl.conf = &conf;
	ctl.db = db_new(&conf);
	if (db_connect(ctl.db) != DB_OK) {
		rc = ctl_fail("%s", db_error(ctl.db));
		db_free(ctl.db);
		return rc;
	}
	rc = commands[i].fn(&ctl, argc - 1, argv + 1);
	db_free(ctl.db);
	return rc;
}
