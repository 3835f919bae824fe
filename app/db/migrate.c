#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "db/db.h"
#include "db/migrate.h"

#define MIGRATE_MAX_FILES	512
#define MIGRATE_MAX_BYTES	(4 * 1024 * 1024)
#define MIGRATE_NAME_MAX	128

static const char sql_create_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version VARCHAR(128) NOT NULL PRIMARY KEY,"
    " applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"
    ") ENGINE=InnoDB";
static const char sql_is_applied[] =
    "SELECT 1 FROM schema_migrations WHERE version = ?";
static const char sql_record[] =
    "INSERT INTO schema_migrations (version) VALUES (?)";

/* A migration file name: three digits, an underscore, ".sql". */
static int
is_migration(const char *name)
{
	size_t	 len = strlen(name);

	return len > 8 && len < MIGRATE_NAME_MAX &&
	    name[0] >= '0' && name[0] <= '9' &&
	    name[1] >= '0' && name[1] <= '9' &&
	    name[2] >= '0' && name[2] <= '9' && name[3] == '_' &&
	    strcmp(name + len - 4, ".sql") == 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
read_file(const char *path, struct buf *b, char *err, size_t errlen)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;
	int	 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) == -1) {
			snprintf(err, errlen, "%s: too large", path);
			rc = -1;
			break;
		}
	fclose(f);
	return rc;
}

/*
 * Runs each statement of a migration file.  Statements end with a
 * semicolon at the end of a line; lines starting with "--" are
 * comments.
 */
static int
apply_file(struct db *db, const char *name, char *text, char *err,
    size_t errlen)
{
	struct buf	 stmt;
	char		*line, *next;
	size_t		 len;
	int		 rc = 0;

	buf_init(&stmt, MIGRATE_MAX_BYTES);
	for (line = text; rc == 0 && line != NULL && *line != '\0';
	    line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strncmp(line, "--", 2) == 0)
			continue;
		len = strlen(line);
		while (len > 0 && (line[len - 1] == ' ' ||
		    line[len - 1] == '\r' || line[len - 1] == '\t'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (stmt.len > 0)
			buf_putc(&stmt, '\n');
		if (buf_append(&stmt, line, len) == -1) {
			snprintf(err, errlen, "%s: statement too long", name);
			rc = -1;
			break;
		}
		if (line[len - 1] != ';')
			continue;
		stmt.data[--stmt.len] = '\0';
		if (db_exec_plain(db, stmt.data) != DB_OK) {
			snprintf(err, errlen, "%s: %s", name, db_error(db));
			rc = -1;
		}
		buf_reset(&stmt);
	}
	if (rc == 0 && stmt.len > 0) {
		snprintf(err, errlen, "%s: last statement lacks ';'", name);
		rc = -1;
	}
	buf_free(&stmt);
	return rc;
}

static int
apply_one(struct db *db, const char *dir, const char *name, int *applied,
    char *err, size_t errlen)
{
	struct db_param		 p[1];
	struct db_result	 res;
	struct buf		 text;
	char			 path[1024];
	int			 rc;

	p[0] = DB_STR(name);
	rc = db_query(db, sql_is_applied, p, 1, 1, &res);
	if (rc != DB_OK) {
		db_result_free(&res);
		snprintf(err, errlen, "%s", db_error(db));
		return -1;
	}
	rc = res.nrows;
	db_result_free(&res);
	if (rc > 0)
		return 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf_init(&text, MIGRATE_MAX_BYTES);
	rc = read_file(path, &text, err, errlen);
	if (rc == 0 && text.data != NULL)
		rc = apply_file(db, name, text.data, err, errlen);
	buf_free(&text);
	if (rc != 0)
		return -1;
	if (db_exec(db, sql_record, p, 1) < 0) {
		snprintf(err, errlen, "%s", db_error(db));
		return -1;
	}
	(*applied)++;
	return 0;
}

int
migrate_run(struct db *db, const char *dir, int *applied, char *err,
    size_t errlen)
{
	DIR		*d;
	struct dirent	*de;
	char		*names[MIGRATE_MAX_FILES];
	size_t		 n = 0, i;
	int		 rc = 0;

	*applied = 0;
	if (db_exec_plain(db, sql_create_table) != DB_OK) {
		snprintf(err, errlen, "%s", db_error(db));
		return -1;
	}
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL && n < MIGRATE_MAX_FILES)
		if (is_migration(de->d_name))
			if ((names[n++] = strdup(de->d_name)) == NULL)
				abort();
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = apply_one(db, dir, names[i], applied, err,
			    errlen);
		free(names[i]);
	}
	return rc;
}
