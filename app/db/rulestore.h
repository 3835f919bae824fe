/*
 * The award rule files in the database.  Loading a folder of rule
 * files makes a new version when their content has changed; readers
 * take the newest version's files.
 */
#ifndef AWARD_RULESTORE_H
#define AWARD_RULESTORE_H

#include <stddef.h>

struct db;

/* Called with each file of a version; return 0 to go on. */
typedef int (*rulestore_file_cb)(const char *name, const char *text,
    size_t len, void *arg);

/*
 * Stores the files of dir (*.rules, *.csv) as a new version unless the
 * newest version has the same content.  *version is the version in
 * force afterwards and *created says whether it is new.  Return 0, or
 * -1 with a message in err.
 */
int	rulestore_load_dir(struct db *, const char *dir,
	    unsigned long long *version, int *created, char *err,
	    size_t errlen);

/* The newest version, or 0 when none is loaded; returns a db_status. */
int	rulestore_latest(struct db *, unsigned long long *version);

/* Hands every file of a version to cb; returns a db_status. */
int	rulestore_fetch(struct db *, unsigned long long version,
	    rulestore_file_cb, void *arg);

#endif
