/*
 * The award rule data of one API worker: the newest version stored in
 * the database, parsed once into a ruleset, and reloaded when a newer
 * version appears (looked for at most once a second, so a new
 * `awardctl rules load` takes effect without a restart).  It also
 * holds the list of every modern award (awards.csv), which names the
 * awards that have no rules yet.  One cache per worker process; not
 * shared between threads.
 */
#ifndef AWARD_RULES_CACHE_H
#define AWARD_RULES_CACHE_H

#include <stddef.h>

#include "engine/ruleset.h"

struct db;

#define RULES_CHECK_INTERVAL_MS	1000.0
#define AWARD_LIST_MAX		256
#define RULES_MSG_LEN		256

/* One modern award, from awards.csv. */
struct award_entry {
	char	 code[RULE_CODE_LEN];
	char	 title[RULE_TITLE_LEN];
};

struct rules_cache {
	struct ruleset		*rs;		/* NULL until loaded */
	unsigned long long	 version;	/* 0 until loaded */
	unsigned long long	 failed_version; /* not tried again */
	double			 checked_ms;	/* last look at the store */
	struct award_entry	 awards[AWARD_LIST_MAX];	/* by code */
	size_t			 nawards;
	char			 error[RULES_MSG_LEN];	/* last failure */
};

/* A cache with nothing loaded.  Free with rules_cache_free. */
struct rules_cache	*rules_cache_new(void);
void			 rules_cache_free(struct rules_cache *);

/*
 * The ruleset to calculate with: reloads it first when a second has
 * passed since the last look and the store has a newer version.
 * Returns NULL when no rule data could be loaded (the reason is in
 * c->error); a failed reload keeps the version already loaded.  The
 * ruleset stays valid until the next call.  *version, when not NULL,
 * is the version returned.
 */
const struct ruleset	*rules_cache_get(struct rules_cache *, struct db *,
			    unsigned long long *version);

/* The title of an award from the award list, or NULL. */
const char		*rules_cache_title(const struct rules_cache *,
			    const char *code);

/*
 * Parses awards.csv (the Commission's export: a header row, then
 * quoted fields; code and name in the columns named data__code and
 * data__name) into entries sorted by code.  Return the count, or -1
 * with a message in err.  Pure; used by the cache and its tests.
 */
int	rules_award_list_parse(const char *text, size_t len,
	    struct award_entry *out, size_t max, char *err, size_t errlen);

#endif
