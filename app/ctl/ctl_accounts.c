/*
 * awardctl migrate, org and key.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/conf.h"
#include "common/util.h"
#include "ctl/ctl.h"
#include "db/accounts.h"
#include "db/db.h"
#include "db/migrate.h"

#define LIST_MAX_ROWS	100000
#define LIMIT_MAX	1000000000LL

static const char sql_org_list[] =
    "SELECT id, name, status, rate_limit_calc, rate_limit_other,"
    " created_at FROM organisations ORDER BY id";
static const char sql_key_list[] =
    "SELECT k.id, o.name, COALESCE(k.label, ''), k.created_at,"
    " COALESCE(k.revoked_at, '-') FROM api_keys k"
    " JOIN organisations o ON o.id = k.org_id ORDER BY k.created_at, k.id";

int
ctl_migrate(struct ctl *c, int argc, char **argv)
{
	char		 err[512];
	int		 applied;
	const char	*dir = argc > 0 ? argv[0] : c->conf->sql_dir;

	if (migrate_run(c->db, dir, &applied, err, sizeof(err)) == -1)
		return ctl_fail("migrate: %s", err);
	printf("%d migration%s applied\n", applied, applied == 1 ? "" : "s");
	return 0;
}

/* Prints every row of a query as tab-separated columns. */
static int
print_rows(struct ctl *c, const char *sql)
{
	struct db_result	 res;
	size_t			 i, j;
	const char		*v;
	int			 rc;

	rc = db_query(c->db, sql, NULL, 0, LIST_MAX_ROWS, &res);
	if (rc != DB_OK) {
		db_result_free(&res);
		return ctl_fail("%s", db_error(c->db));
	}
	for (i = 0; i < res.nrows; i++)
		for (j = 0; j < res.ncols; j++) {
			v = db_result_get(&res, i, j);
			printf("%s%c", v != NULL ? v : "-",
			    j + 1 == res.ncols ? '\n' : '\t');
		}
	db_result_free(&res);
	return 0;
}

int
ctl_org(struct ctl *c, int argc, char **argv)
{
	unsigned long long	 id;
	long long		 calc, other;
	char			 err[512];

	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return print_rows(c, sql_org_list);
	if (argc == 2 && strcmp(argv[0], "create") == 0) {
		if (org_create(c->db, argv[1], &id, err, sizeof(err)) != DB_OK)
			return ctl_fail("%s", err);
		printf("%llu\t%s\n", id, argv[1]);
		return 0;
	}
	if (argc == 2 && (strcmp(argv[0], "suspend") == 0 ||
	    strcmp(argv[0], "activate") == 0)) {
		if (org_set_status(c->db, argv[1],
		    strcmp(argv[0], "suspend") == 0, err,
		    sizeof(err)) != DB_OK)
			return ctl_fail("%s", err);
		return 0;
	}
	if (argc == 4 && strcmp(argv[0], "limits") == 0) {
		if (parse_long(argv[2], 1, LIMIT_MAX, &calc) == -1 ||
		    parse_long(argv[3], 1, LIMIT_MAX, &other) == -1)
			return ctl_fail("limits are whole numbers per minute");
		if (org_set_limits(c->db, argv[1], calc, other, err,
		    sizeof(err)) != DB_OK)
			return ctl_fail("%s", err);
		return 0;
	}
	return ctl_fail("usage: org create NAME | list | suspend NAME | "
	    "activate NAME | limits NAME CALC OTHER");
}

int
ctl_key(struct ctl *c, int argc, char **argv)
{
	char	 token[KEY_TOKEN_LEN], err[512];

	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return print_rows(c, sql_key_list);
	if ((argc == 2 || argc == 3) && strcmp(argv[0], "create") == 0) {
		if (key_create(c->db, argv[1], argc == 3 ? argv[2] : NULL,
		    token, err, sizeof(err)) != DB_OK)
			return ctl_fail("%s", err);
		/* The only time the secret is ever shown. */
		printf("%s\n", token);
		explicit_bzero(token, sizeof(token));
		return 0;
	}
	if (argc == 2 && strcmp(argv[0], "revoke") == 0) {
		if (key_revoke(c->db, argv[1], err, sizeof(err)) != DB_OK)
			return ctl_fail("%s", err);
		return 0;
	}
	return ctl_fail("usage: key create ORG [LABEL] | list | "
	    "revoke KEY_ID");
}
