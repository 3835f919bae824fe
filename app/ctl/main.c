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

#define CTL_ERR_LEN	512

/* Whether main connects first, or the command when it needs to. */
enum ctl_db_use {
	CTL_DB_FIRST,
	CTL_DB_LATER
};

struct ctl_command {
	const char	*name;
	int		(*fn)(struct ctl *, int, char **);
	enum ctl_db_use	 db;
	const char	*help;
};

static const struct ctl_command commands[] = {
	{ "migrate", ctl_migrate, CTL_DB_FIRST, "migrate [SQL_DIR]" },
	{ "org", ctl_org, CTL_DB_FIRST, "org create NAME | list |"
	    " suspend NAME | activate NAME | limits NAME CALC OTHER" },
	{ "key", ctl_key, CTL_DB_FIRST,
	    "key create ORG [LABEL] | list | revoke KEY_ID" },
	{ "rules", ctl_rules, CTL_DB_FIRST, "rules load [DIR] | list" },
	{ "calc", ctl_calc, CTL_DB_LATER, "calc [--rules DIR]"
	    " [--FIELD VALUE ...] [--allowance CODE[=QTY] ...]\n"
	    "      (no --FIELD: the calculate-pay JSON body on stdin)" },
	{ "check", ctl_check, CTL_DB_LATER, "check [--rules DIR] FILE.csv"
	    "\n      (FILE - : stdin; the results as the batch export's CSV"
	    " on stdout)" },
	{ "import-mapd", ctl_import_mapd, CTL_DB_LATER,
	    "import-mapd DIR [--award CODE] [--rules DIR] [--out FILE]"
	    " [--force]" },
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
ctl_connect(struct ctl *c)
{
	char	 err[CTL_ERR_LEN];
	int	 rc;

	if (c->db != NULL)
		return 0;
	conf_defaults(&c->own);
	if (conf_load(&c->own, conf_path(c->config), err, sizeof(err)) == -1)
		return ctl_fail("%s", err);
	c->conf = &c->own;
	c->db = db_new(c->conf);
	if (db_connect(c->db) != DB_OK) {
		rc = ctl_fail("%s", db_error(c->db));
		db_free(c->db);
		c->db = NULL;
		return rc;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct ctl	 ctl;
	const char	*config = NULL;
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

	memset(&ctl, 0, sizeof(ctl));
	ctl.config = config;
	log_open("awardctl", 0, LOG_LVL_WARN);
	if (commands[i].db == CTL_DB_FIRST && (rc = ctl_connect(&ctl)) != 0)
		return rc;
	rc = commands[i].fn(&ctl, argc - 1, argv + 1);
	if (ctl.db != NULL)
		db_free(ctl.db);
	return rc;
}
