/*
 * awardctl import-mapd: a new rate year from the Fair Work
 * Commission's MAPD exports of an award, written into the award's rule
 * file (see engine/mapd.h), then stored as a new rule data version or
 * written to a file for review.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/buf.h"
#include "ctl/ctl.h"
#include "db/db.h"
#include "db/rulestore.h"
#include "engine/mapd.h"
#include "engine/ruleset.h"

#define MAPD_ERR_LEN		512
#define MAPD_PATH_LEN		4096
#define MAPD_NAME_LEN		256
#define MAPD_TMP_TEMPLATE	"awardctl-mapd-XXXXXX"
#define MAPD_TMP_DEFAULT	"/tmp"
#define MAPD_RULES_SUFFIX	".rules"
/* Exit status when the rules contradict the export. */
#define MAPD_EXIT_MISMATCH	3

struct import_args {
	const char	*dir;
	const char	*rules;		/* --rules DIR, or NULL: the DB */
	const char	*out;		/* --out FILE, or NULL: store */
	char		 award[RULE_CODE_LEN];	/* "": from the file names */
	int		 force;
};

static int
import_usage(void)
{
	return ctl_fail("usage: import-mapd DIR [--award CODE] "
	    "[--rules DIR] [--out FILE] [--force]");
}

static int
import_parse(int argc, char **argv, struct import_args *a)
{
	int	 i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			a->force = 1;
		else if (argv[i][0] != '-' && a->dir == NULL)
			a->dir = argv[i];
		else if (i + 1 == argc)
			return import_usage();
		else if (strcmp(argv[i], "--award") == 0) {
			if (strlen(argv[++i]) >= sizeof(a->award))
				return ctl_fail("import-mapd: %s: not an "
				    "award code", argv[i]);
			memcpy(a->award, argv[i], strlen(argv[i]) + 1);
		} else if (strcmp(argv[i], "--rules") == 0)
			a->rules = argv[++i];
		else if (strcmp(argv[i], "--out") == 0)
			a->out = argv[++i];
		else
			return import_usage();
	}
	return a->dir == NULL ? import_usage() : 0;
}

/* dir/name into out; -1 (errno ENAMETOOLONG) when it does not fit. */
static int
path_join(char *out, size_t len, const char *dir, const char *name)
{
	int	 n;

	n = snprintf(out, len, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* The award of the exports in the folder, when only one has any. */
static int
import_award(struct import_args *a)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 len;
	int		 rc = 0;

	if (a->award[0] != '\0')
		return 0;
	if ((d = opendir(a->dir)) == NULL)
		return ctl_fail("import-mapd: %s: %s", a->dir,
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (mapd_kind_of(de->d_name, NULL, &len) < 0 ||
		    len >= sizeof(a->award))
			continue;
		if (a->award[0] == '\0') {
			memcpy(a->award, de->d_name, len);
			a->award[len] = '\0';
		} else if (strncasecmp(a->award, de->d_name, len) != 0 ||
		    a->award[len] != '\0') {
			rc = ctl_fail("import-mapd: %s holds the exports of "
			    "more than one award: give --award", a->dir);
			break;
		}
	}
	closedir(d);
	if (rc == 0 && a->award[0] == '\0')
		rc = ctl_fail("import-mapd: %s: no MAPD exports "
		    "(AWARD_payrates_*.csv, ...)", a->dir);
	return rc;
}

/* Every export of the award in the folder. */
static int
import_read(const struct import_args *a, struct mapd *m)
{
	char		 path[MAPD_PATH_LEN], err[MAPD_ERR_LEN];
	struct buf	 b;
	DIR		*d;
	struct dirent	*de;
	int		 k, rc = 0;

	if ((d = opendir(a->dir)) == NULL)
		return ctl_fail("import-mapd: %s: %s", a->dir,
		    strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if ((k = mapd_kind_of(de->d_name, a->award, NULL)) < 0)
			continue;
		if (path_join(path, sizeof(path), a->dir, de->d_name) == -1) {
			rc = ctl_fail("import-mapd: %s: too long", a->dir);
			break;
		}
		if (ctl_read_all(path, MAPD_MAX_BYTES, &b, err,
		    sizeof(err)) == -1) {
			rc = ctl_fail("import-mapd: %s", err);
			break;
		}
		if (mapd_add(m, (enum mapd_kind)k, de->d_name, b.data, b.len,
		    err, sizeof(err)) == -1)
			rc = ctl_fail("import-mapd: %s", err);
		buf_free(&b);
	}
	closedir(d);
	if (rc == 0 && mapd_rows(m, MAPD_PAYRATES) == 0)
		rc = ctl_fail("import-mapd: %s: no %s_payrates_*.csv export "
		    "with rows", a->dir, a->award);
	for (k = 0; rc == 0 && k < MAPD__MAX; k++)
		if (mapd_rows(m, (enum mapd_kind)k) == 0)
			printf("note: no %s export: not used\n",
			    mapd_kind_name((enum mapd_kind)k));
	return rc;
}

static int
write_file(const char *path, const char *text, size_t len)
{
	FILE	*f;
	int	 rc = 0;

	if ((f = fopen(path, "wb")) == NULL)
		return ctl_fail("import-mapd: %s: %s", path, strerror(errno));
	if (fwrite(text, 1, len, f) != len)
		rc = ctl_fail("import-mapd: %s: cannot write", path);
	if (fclose(f) != 0 && rc == 0)
		rc = ctl_fail("import-mapd: %s: %s", path, strerror(errno));
	return rc;
}

/*
 * Stores the rule data with the award's file replaced as a new
 * version, through a folder of the files (the way `rules load` takes
 * them, so the content hash and the "unchanged" check are the same).
 */
static int
import_store(struct ctl *c, struct ctl_files *fs, size_t which,
    const struct buf *text)
{
	char			 dir[MAPD_PATH_LEN], path[MAPD_PATH_LEN];
	char			 err[MAPD_ERR_LEN];
	const char		*tmp = getenv("TMPDIR");
	unsigned long long	 version;
	size_t			 i;
	int			 created, rc = 0;

	if ((rc = ctl_connect(c)) != 0)
		return rc;
	if (path_join(dir, sizeof(dir), tmp != NULL && *tmp != '\0' ? tmp :
	    MAPD_TMP_DEFAULT, MAPD_TMP_TEMPLATE) == -1 || mkdtemp(dir) == NULL)
		return ctl_fail("import-mapd: %s: %s", dir, strerror(errno));
	for (i = 0; rc == 0 && i < fs->n; i++) {
		if (path_join(path, sizeof(path), dir, fs->f[i].name) == -1)
			rc = ctl_fail("import-mapd: %s: too long", dir);
		else if (i == which)
			rc = write_file(path, text->data, text->len);
		else
			rc = write_file(path, fs->f[i].text, fs->f[i].len);
	}
	if (rc == 0 && rulestore_load_dir(c->db, dir, &version, &created,
	    err, sizeof(err)) == -1)
		rc = ctl_fail("import-mapd: %s", err);
	else if (rc == 0)
		printf("rule data version %llu%s\n", version,
		    created ? " loaded" : " unchanged");
	for (i = 0; i < fs->n; i++)
		if (path_join(path, sizeof(path), dir, fs->f[i].name) == 0)
			unlink(path);
	rmdir(dir);
	return rc;
}

static void
import_summary(const struct import_args *a, const struct mapd_report *r)
{
	printf("%s: rates %zu confirmed, %zu changed, %zu added; "
	    "amounts %zu confirmed, %zu changed, %zu added; "
	    "%zu percentages checked, %zu mismatches; %zu export rows "
	    "not modelled\n", a->award, r->rates_same, r->rates_changed,
	    r->rates_added, r->amounts_same, r->amounts_changed,
	    r->amounts_added, r->checked, r->mismatches, r->unmatched);
}

/* Updates the award's file and writes or stores it. */
static int
import_update(struct ctl *c, const struct import_args *a,
    const struct mapd *m, struct ctl_files *fs)
{
	char			 name[MAPD_NAME_LEN], err[MAPD_ERR_LEN];
	struct mapd_report	 rep;
	struct buf		 out, log;
	size_t			 i;
	int			 rc;

	snprintf(name, sizeof(name), "%s%s", a->award, MAPD_RULES_SUFFIX);
	for (i = 0; i < fs->n; i++)
		if (strcasecmp(fs->f[i].name, name) == 0)
			break;
	if (i == fs->n)
		return ctl_fail("import-mapd: the rule data has no %s; "
		    "write the award's rules first", name);
	buf_init(&out, 0);
	buf_init(&log, 0);
	if (mapd_update(m, fs->f[i].name, fs->f[i].text, fs->f[i].len, &out,
	    &log, &rep, err, sizeof(err)) == -1)
		rc = ctl_fail("import-mapd: %s", err);
	else {
		if (log.len > 0)
			fwrite(log.data, 1, log.len, stdout);
		import_summary(a, &rep);
		fflush(stdout);
		if (a->out != NULL)
			rc = write_file(a->out, out.data, out.len);
		else if (rep.mismatches > 0 && !a->force) {
			ctl_fail("import-mapd: the rules contradict the "
			    "export; nothing stored (review them, or give "
			    "--force)");
			rc = MAPD_EXIT_MISMATCH;
		} else
			rc = import_store(c, fs, i, &out);
		if (rc == 0 && rep.mismatches > 0 && !a->force)
			rc = MAPD_EXIT_MISMATCH;
	}
	buf_free(&out);
	buf_free(&log);
	return rc;
}

int
ctl_import_mapd(struct ctl *c, int argc, char **argv)
{
	struct import_args	 a;
	struct ctl_files	 fs;
	struct mapd		*m;
	int			 rc;

	if ((rc = import_parse(argc, argv, &a)) != 0 ||
	    (rc = import_award(&a)) != 0)
		return rc;
	if ((m = mapd_new()) == NULL)
		return ctl_fail("import-mapd: out of memory");
	if ((rc = import_read(&a, m)) == 0 &&
	    (rc = ctl_files_load(c, a.rules, &fs)) == 0) {
		rc = import_update(c, &a, m, &fs);
		ctl_files_free(&fs);
	}
	mapd_free(m);
	return rc;
}
