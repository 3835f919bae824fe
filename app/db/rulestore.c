#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/util.h"
#include "db/db.h"
#include "db/rulestore.h"

#define RULE_FILES_MAX		256
#define RULE_FILE_MAX_BYTES	(8 * 1024 * 1024)
#define RULE_NAME_MAX		64

static const char sql_latest[] =
    "SELECT id, content_sha256 FROM rule_versions ORDER BY id DESC LIMIT 1";
static const char sql_version_insert[] =
    "INSERT INTO rule_versions (content_sha256) VALUES (?)";
static const char sql_file_insert[] =
    "INSERT INTO rule_files (version_id, name, content_sha256, content)"
    " VALUES (?, ?, ?, ?)";
static const char sql_files[] =
    "SELECT name, content FROM rule_files WHERE version_id = ?"
    " ORDER BY name";

struct rule_file {
	char		 name[RULE_NAME_MAX + 1];
	struct buf	 text;
	char		 sha[SHA256_HEXLEN];
};

static int
is_rule_file(const char *name)
{
	size_t	 n = strlen(name);

	if (n == 0 || n > RULE_NAME_MAX || name[0] == '.')
		return 0;
	return (n > 6 && strcmp(name + n - 6, ".rules") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".csv") == 0);
}

static int
cmp_files(const void *a, const void *b)
{
	return strcmp(((const struct rule_file *)a)->name,
	    ((const struct rule_file *)b)->name);
}

static int
read_rule_file(const char *dir, struct rule_file *f, char *err,
    size_t errlen)
{
	char	 path[1024], chunk[8192];
	FILE	*fp;
	size_t	 n;
	int	 rc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, f->name);
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&f->text, RULE_FILE_MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_append(&f->text, chunk, n) == -1) {
			snprintf(err, errlen, "%s: too large", path);
			rc = -1;
			break;
		}
	fclose(fp);
	if (rc == 0 && f->text.data == NULL)
		buf_append(&f->text, "", 0);
	sha256_hex(f->text.data, f->text.len, f->sha);
	return rc;
}

/* Reads the folder's rule files, sorted by name. */
static int
read_dir(const char *dir, struct rule_file *files, size_t *n, char *err,
    size_t errlen)
{
	DIR		*d;
	struct dirent	*de;

	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!is_rule_file(de->d_name))
			continue;
		if (*n == RULE_FILES_MAX) {
			closedir(d);
			snprintf(err, errlen, "%s: over %d rule files", dir,
			    RULE_FILES_MAX);
			return -1;
		}
		snprintf(files[*n].name, sizeof(files[*n].name), "%s",
		    de->d_name);
		buf_init(&files[*n].text, RULE_FILE_MAX_BYTES);
		(*n)++;
	}
	closedir(d);
	qsort(files, *n, sizeof(files[0]), cmp_files);
	return 0;
}

static int
store_version(struct db *db, struct rule_file *files, size_t n,
    const char *sha, unsigned long long *version, char *err, size_t errlen)
{
	struct db_param	 p[4];
	size_t		 i;
	int		 rc;

	if ((rc = db_begin(db)) != DB_OK)
		goto fail;
	p[0] = DB_STR(sha);
	if ((rc = (int)db_exec(db, sql_version_insert, p, 1)) < 0)
		goto fail;
	*version = db_insert_id(db);
	for (i = 0; i < n; i++) {
		p[0] = DB_INT(*version);
		p[1] = DB_STR(files[i].name);
		p[2] = DB_STR(files[i].sha);
		p[3] = DB_STRN(files[i].text.data, files[i].text.len);
		if ((rc = (int)db_exec(db, sql_file_insert, p, 4)) < 0)
			goto fail;
	}
	if ((rc = db_commit(db)) != DB_OK)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "%s", db_error(db));
	db_rollback(db);
	return -1;
}

int
rulestore_load_dir(struct db *db, const char *dir,
    unsigned long long *version, int *created, char *err, size_t errlen)
{
	struct rule_file	*files;
	struct db_result	 res;
	struct buf		 all;
	char			 sha[SHA256_HEXLEN];
	const char		*old;
	size_t			 n = 0, i;
	int			 rc = -1;

	*created = 0;
	if ((files = calloc(RULE_FILES_MAX, sizeof(*files))) == NULL)
		abort();
	buf_init(&all, 0);
	if (read_dir(dir, files, &n, err, errlen) == -1)
		goto out;
	if (n == 0) {
		snprintf(err, errlen, "%s: no rule files", dir);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (read_rule_file(dir, &files[i], err, errlen) == -1)
			goto out;
		buf_printf(&all, "%s %s\n", files[i].name, files[i].sha);
	}
	sha256_hex(all.data, all.len, sha);

	if (db_query(db, sql_latest, NULL, 0, 1, &res) != DB_OK) {
		snprintf(err, errlen, "%s", db_error(db));
		db_result_free(&res);
		goto out;
	}
	old = res.nrows == 1 ? db_result_get(&res, 0, 1) : NULL;
	if (old != NULL && strcmp(old, sha) == 0) {
		*version = strtoull(db_result_get(&res, 0, 0), NULL, 10);
		db_result_free(&res);
		rc = 0;
		goto out;
	}
	db_result_free(&res);
	if ((rc = store_version(db, files, n, sha, version, err,
	    errlen)) == 0)
		*created = 1;
out:
	for (i = 0; i < n; i++)
		buf_free(&files[i].text);
	free(files);
	buf_free(&all);
	return rc;
}

int
rulestore_latest(struct db *db, unsigned long long *version)
{
	struct db_result	 res;
	long long		 v = 0;
	int			 rc;

	rc = db_query(db, sql_latest, NULL, 0, 1, &res);
	if (rc == DB_OK && res.nrows == 1 &&
	    parse_long(db_result_get(&res, 0, 0), 1, -1ULL >> 1, &v) == -1)
		rc = DB_ERROR;
	db_result_free(&res);
	*version = (unsigned long long)v;
	return rc;
}

struct fetch_arg {
	rulestore_file_cb	 cb;
	void			*arg;
};

static int
fetch_row(const struct db_row *row, void *arg)
{
	struct fetch_arg	*f = arg;

	if (row->cell[0] == NULL || row->cell[1] == NULL)
		return -1;
	return f->cb(row->cell[0], row->cell[1], row->len[1], f->arg);
}

int
rulestore_fetch(struct db *db, unsigned long long version,
    rulestore_file_cb cb, void *arg)
{
	struct db_param		 p[1];
	struct fetch_arg	 f;

	f.cb = cb;
	f.arg = arg;
	p[0] = DB_INT(version);
	return db_query_each(db, sql_files, p, 1, fetch_row, &f);
}
