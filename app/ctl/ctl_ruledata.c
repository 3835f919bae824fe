/*
 * awardctl: the rule data the calculating commands use, from a folder
 * of rule files or from the newest version in the database.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "ctl/ctl.h"
#include "db/db.h"
#include "db/rulestore.h"
#include "engine/ruleset.h"

#define RULEDATA_FILES_MAX	256
#define RULEDATA_FILE_MAX	(16 * 1024 * 1024)
#define RULEDATA_PATH_LEN	4096
#define RULEDATA_CHUNK		65536
#define RULEDATA_ERR_LEN	512
#define RULES_SUFFIX		".rules"
#define CSV_SUFFIX		".csv"

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	 n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

int
ctl_read_all(const char *path, size_t max, struct buf *b, char *err,
    size_t errlen)
{
	char	 chunk[RULEDATA_CHUNK];
	FILE	*f;
	size_t	 n;
	int	 rc = 0;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(b, max);
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) == -1) {
			snprintf(err, errlen, "%s: larger than %zu bytes",
			    path, max);
			rc = -1;
		}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "%s: cannot be read", path);
		rc = -1;
	}
	if (rc == 0 && b->data == NULL && buf_append(b, "", 0) == -1) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	if (f != stdin)
		fclose(f);
	if (rc == -1)
		buf_free(b);
	return rc;
}

static int
file_add(struct ctl_files *fs, const char *name, const char *text,
    size_t len)
{
	struct ctl_file	*f;

	if (fs->n == RULEDATA_FILES_MAX)
		return -1;
	f = &fs->f[fs->n];
	if ((f->name = strdup(name)) == NULL ||
	    (f->text = malloc(len + 1)) == NULL) {
		free(f->name);
		return -1;
	}
	memcpy(f->text, text, len);
	f->text[len] = '\0';
	f->len = len;
	fs->n++;
	return 0;
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ctl_file *)a)->name,
	    ((const struct ctl_file *)b)->name);
}

static int
files_dir(const char *dir, struct ctl_files *fs)
{
	char		 path[RULEDATA_PATH_LEN], err[RULEDATA_ERR_LEN];
	struct buf	 b;
	DIR		*d;
	struct dirent	*de;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL)
		return ctl_fail("%s: %s", dir, strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (!has_suffix(de->d_name,
		    RULES_SUFFIX) && !has_suffix(de->d_name, CSV_SUFFIX)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (ctl_read_all(path, RULEDATA_FILE_MAX, &b, err,
		    sizeof(err)) == -1) {
			rc = ctl_fail("%s", err);
			break;
		}
		if (file_add(fs, de->d_name, b.data, b.len) == -1)
			rc = ctl_fail("%s: too many files, or out of memory",
			    dir);
		buf_free(&b);
	}
	closedir(d);
	if (rc == 0 && fs->n == 0)
		rc = ctl_fail("%s: no rule files", dir);
	qsort(fs->f, fs->n, sizeof(*fs->f), file_cmp);
	return rc;
}

static int
fetch_file(const char *name, const char *text, size_t len, void *arg)
{
	return file_add(arg, name, text, len);
}

static int
files_db(struct ctl *c, struct ctl_files *fs)
{
	int	 rc;

	if ((rc = ctl_connect(c)) != 0)
		return rc;
	if (rulestore_latest(c->db, &fs->version) != DB_OK)
		return ctl_fail("%s", db_error(c->db));
	if (fs->version == 0)
		return ctl_fail("no award rule data has been loaded "
		    "(awardctl rules load), and no --rules DIR was given");
	if (rulestore_fetch(c->db, fs->version, fetch_file, fs) != DB_OK)
		return ctl_fail("rule data version %llu: %s", fs->version,
		    db_error(c->db));
	return 0;
}

int
ctl_files_load(struct ctl *c, const char *dir, struct ctl_files *fs)
{
	int	 rc;

	memset(fs, 0, sizeof(*fs));
	if ((fs->f = calloc(RULEDATA_FILES_MAX, sizeof(*fs->f))) == NULL)
		return ctl_fail("out of memory");
	rc = dir != NULL ? files_dir(dir, fs) : files_db(c, fs);
	if (rc != 0)
		ctl_files_free(fs);
	return rc;
}

void
ctl_files_free(struct ctl_files *fs)
{
	size_t	 i;

	for (i = 0; i < fs->n; i++) {
		free(fs->f[i].name);
		free(fs->f[i].text);
	}
	free(fs->f);
	memset(fs, 0, sizeof(*fs));
}

struct ruleset *
ctl_files_ruleset(const struct ctl_files *fs)
{
	struct ruleset	*rs;
	char		 err[RULEDATA_ERR_LEN];
	size_t		 i;

	if ((rs = ruleset_new()) == NULL) {
		ctl_fail("out of memory");
		return NULL;
	}
	for (i = 0; i < fs->n; i++) {
		if (!has_suffix(fs->f[i].name, RULES_SUFFIX))
			continue;
		if (ruleset_add(rs, fs->f[i].name, fs->f[i].text,
		    fs->f[i].len, err, sizeof(err)) == -1) {
			ctl_fail("%s", err);
			ruleset_free(rs);
			return NULL;
		}
	}
	return rs;
}

struct ruleset *
ctl_ruleset(struct ctl *c, const char *dir)
{
	struct ctl_files	 fs;
	struct ruleset		*rs;

	if (ctl_files_load(c, dir, &fs) != 0)
		return NULL;
	rs = ctl_files_ruleset(&fs);
	ctl_files_free(&fs);
	return rs;
}
