#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/rules_cache.h"
#include "common/log.h"
#include "common/util.h"
#include "db/db.h"
#include "db/rulestore.h"
#include "engine/ruleset.h"

#define AWARD_LIST_FILE		"awards.csv"
#define RULES_SUFFIX		".rules"
#define CSV_FIELDS_MAX		16
#define CSV_FIELD_LEN		RULE_TITLE_LEN
#define CODE_COLUMN		"data__code"
#define TITLE_COLUMN		"data__name"
#define PARSE_ERR_LEN		256

static const char utf8_bom[] = "\xef\xbb\xbf";

/* The work of loading one version. */
struct load {
	struct ruleset		*rs;
	struct award_entry	*awards;
	size_t			 nawards;
	int			 failed;
	char			 error[RULES_MSG_LEN];
};

struct rules_cache *
rules_cache_new(void)
{
	struct rules_cache	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		abort();
	snprintf(c->error, sizeof(c->error), "no award rule data loaded yet");
	return c;
}

void
rules_cache_free(struct rules_cache *c)
{
	if (c == NULL)
		return;
	ruleset_free(c->rs);
	free(c);
}

/*
 * One CSV record from *p (at most end): quoted fields with doubled
 * quotes inside, separated by commas.  Fields longer than the room
 * are cut.  Returns the field count; *p moves past the line end.
 */
static size_t
csv_record(const char **p, const char *end,
    char fields[CSV_FIELDS_MAX][CSV_FIELD_LEN])
{
	const char	*s = *p;
	size_t		 nf = 0, n = 0;
	int		 quoted = 0;

	memset(fields, 0, CSV_FIELDS_MAX * CSV_FIELD_LEN);
	for (; s < end; s++) {
		if (quoted && *s == '"' && s + 1 < end && s[1] == '"')
			s++;
		else if (*s == '"') {
			quoted = !quoted;
			continue;
		} else if (!quoted && (*s == ',' || *s == '\n')) {
			nf++;
			n = 0;
			if (*s == '\n' || nf == CSV_FIELDS_MAX) {
				s++;
				break;
			}
			continue;
		} else if (!quoted && *s == '\r')
			continue;
		if (nf < CSV_FIELDS_MAX && n + 1 < CSV_FIELD_LEN)
			fields[nf][n++] = *s;
	}
	if (s >= end && (n > 0 || (s > *p && s[-1] != '\n')))
		nf++;
	*p = s;
	return nf;
}

static void
trim(char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct award_entry *)a)->code,
	    ((const struct award_entry *)b)->code);
}

int
rules_award_list_parse(const char *text, size_t len,
    struct award_entry *out, size_t max, char *err, size_t errlen)
{
	char		 f[CSV_FIELDS_MAX][CSV_FIELD_LEN];
	const char	*p = text, *end = text + len;
	size_t		 nf, i, n = 0;
	int		 code_col = -1, title_col = -1;

	if (len >= sizeof(utf8_bom) - 1 &&
	    memcmp(p, utf8_bom, sizeof(utf8_bom) - 1) == 0)
		p += sizeof(utf8_bom) - 1;
	nf = csv_record(&p, end, f);
	for (i = 0; i < nf; i++) {
		if (strcmp(f[i], CODE_COLUMN) == 0)
			code_col = (int)i;
		else if (strcmp(f[i], TITLE_COLUMN) == 0)
			title_col = (int)i;
	}
	if (code_col == -1 || title_col == -1) {
		snprintf(err, errlen, "%s: no %s and %s columns",
		    AWARD_LIST_FILE, CODE_COLUMN, TITLE_COLUMN);
		return -1;
	}
	while (p < end) {
		nf = csv_record(&p, end, f);
		if (nf <= (size_t)code_col || nf <= (size_t)title_col ||
		    f[code_col][0] == '\0')
			continue;
		if (n == max) {
			snprintf(err, errlen, "%s: over %zu awards",
			    AWARD_LIST_FILE, max);
			return -1;
		}
		snprintf(out[n].code, sizeof(out[n].code), "%s", f[code_col]);
		snprintf(out[n].title, sizeof(out[n].title), "%s",
		    f[title_col]);
		trim(out[n].title);
		n++;
	}
	qsort(out, n, sizeof(*out), entry_cmp);
	return (int)n;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	 n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Called with each file of the version being loaded. */
static int
load_file(const char *name, const char *text, size_t len, void *arg)
{
	struct load	*ld = arg;
	char		 err[PARSE_ERR_LEN];
	int		 n;

	if (ld->failed)
		return 0;
	if (strcmp(name, AWARD_LIST_FILE) == 0) {
		n = rules_award_list_parse(text, len, ld->awards,
		    AWARD_LIST_MAX, err, sizeof(err));
		if (n == -1) {
			ld->failed = 1;
			snprintf(ld->error, sizeof(ld->error), "%s", err);
		} else
			ld->nawards = (size_t)n;
	} else if (has_suffix(name, RULES_SUFFIX) &&
	    ruleset_add(ld->rs, name, text, len, err, sizeof(err)) == -1) {
		ld->failed = 1;
		snprintf(ld->error, sizeof(ld->error), "%s", err);
	}
	return 0;
}

/*
 * Loads version v whole, or not at all: a version with a file that
 * does not parse would calculate some shifts wrongly, so the one in
 * force stays.  XXX: a refused version is only logged; health does
 * not report it, and it is not tried again until a newer one is
 * stored.
 */
static int
cache_load(struct rules_cache *c, struct db *db, unsigned long long v)
{
	struct load	*ld;
	int		 rc;

	if ((ld = calloc(1, sizeof(*ld))) == NULL ||
	    (ld->awards = calloc(AWARD_LIST_MAX, sizeof(*ld->awards))) ==
	    NULL || (ld->rs = ruleset_new()) == NULL)
		abort();
	rc = rulestore_fetch(db, v, load_file, ld);
	if (rc != DB_OK && !ld->failed) {
		ld->failed = 1;
		snprintf(ld->error, sizeof(ld->error), "rule data version "
		    "%llu could not be read: %s", v, db_error(db));
	}
	if (ld->failed) {
		log_error("api", NULL, "rule data version %llu not loaded: %s",
		    v, ld->error);
		snprintf(c->error, sizeof(c->error), "%s", ld->error);
		ruleset_free(ld->rs);
		rc = -1;
	} else {
		ruleset_free(c->rs);
		c->rs = ld->rs;
		memcpy(c->awards, ld->awards, ld->nawards * sizeof(*c->awards));
		c->nawards = ld->nawards;
		log_info("api", NULL, "rule data version %llu loaded: %zu "
		    "awards with rules, %zu in the award list", v,
		    ruleset_award_count(c->rs), c->nawards);
		rc = 0;
	}
	free(ld->awards);
	free(ld);
	return rc;
}

const struct ruleset *
rules_cache_get(struct rules_cache *c, struct db *db,
    unsigned long long *version)
{
	unsigned long long	 latest;
	double			 now = clock_ms();

	if (c->checked_ms == 0 || now - c->checked_ms >=
	    RULES_CHECK_INTERVAL_MS) {
		c->checked_ms = now;
		if (rulestore_latest(db, &latest) != DB_OK) {
			if (c->rs == NULL)
				snprintf(c->error, sizeof(c->error),
				    "the rule data cannot be read: the "
				    "database is unavailable");
		} else if (latest == 0 && c->rs == NULL)
			snprintf(c->error, sizeof(c->error),
			    "no award rule data has been loaded (awardctl "
			    "rules load)");
		else if (latest > c->version &&
		    latest != c->failed_version) {
			if (cache_load(c, db, latest) == 0)
				c->version = latest;
			else
				c->failed_version = latest;
		}
	}
	if (version != NULL)
		*version = c->version;
	return c->rs;
}

const char *
rules_cache_title(const struct rules_cache *c, const char *code)
{
	struct award_entry	 key;
	const struct award_entry *e;

	snprintf(key.code, sizeof(key.code), "%s", code);
	e = bsearch(&key, c->awards, c->nawards, sizeof(*c->awards),
	    entry_cmp);
	return e != NULL ? e->title : NULL;
}
