/*
 * awardctl rules: load the award rule files into the database, and
 * list the versions loaded.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/conf.h"
#include "ctl/ctl.h"
#include "db/db.h"
#include "db/rulestore.h"

#define VERSIONS_MAX	10000

static const char sql_versions[] =
    "SELECT v.id, v.content_sha256, v.loaded_at, COUNT(f.name)"
    " FROM rule_versions v LEFT JOIN rule_files f ON f.version_id = v.id"
    " GROUP BY v.id ORDER BY v.id";

static int
rules_list(struct ctl *c)
{
	struct db_result	 res;
	size_t			 i;

	if (db_query(c->db, sql_versions, NULL, 0, VERSIONS_MAX, &res) !=
	    DB_OK) {
		db_result_free(&res);
		return ctl_fail("%s", db_error(c->db));
	}
	for (i = 0; i < res.nrows; i++)
		printf("%s\t%s\t%s\t%s files\n", db_result_get(&res, i, 0),
		    db_result_get(&res, i, 1), db_result_get(&res, i, 2),
		    db_result_get(&res, i, 3));
	db_result_free(&res);
	return 0;
}

int
ctl_rules(struct ctl *c, int argc, char **argv)
{
	unsigned long long	 version;
	char			 err[512];
	int			 created;
	const char		*dir;

	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return rules_list(c);
	if ((argc == 1 || argc == 2) && strcmp(argv[0], "load") == 0) {
		dir = argc == 2 ? argv[1] : c->conf->rules_dir;
		if (rulestore_load_dir(c->db, dir, &version, &created, err,
		    sizeof(err)) == -1)
			return ctl_fail("rules load: %s", err);
		printf("rule data version %llu%s\n", version,
		    created ? " loaded" : " unchanged");
		return 0;
	}
	return ctl_fail("usage: rules load [DIR] | list");
}
