/*
 * Schema migrations: the files NNN_name.sql of the SQL folder, applied
 * in order, each once, and recorded in the schema_migrations table.
 */
#ifndef AWARD_MIGRATE_H
#define AWARD_MIGRATE_H

#include <stddef.h>

struct db;

/*
 * Applies every migration not yet recorded.  Sets *applied to how many
 * were.  Return 0, or -1 with a message in err.
 */
int	migrate_run(struct db *, const char *dir, int *applied,
	    char *err, size_t errlen);

#endif
