/*
 * Test helper: a ruleset loaded from the rule files in the source
 * tree ($top_srcdir/sql/rules, or ./sql/rules when run by hand).
 */
#ifndef AWARD_TEST_ENGINE_LOAD_H
#define AWARD_TEST_ENGINE_LOAD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/ruleset.h"

#define LOAD_MAX_FILE	(1024 * 1024)
#define LOAD_PATH_LEN	1024
#define LOAD_REL_LEN	256

static const char *const load_files[] = {
	"MA000002.rules", "MA000003.rules", "MA000004.rules",
	"MA000009.rules", "MA000119.rules", "holidays.rules", NULL
};

/* The text of a file under the source tree; the caller frees it. */
static char * __attribute__((unused))
load_text(const char *rel, size_t *len)
{
	char		 path[LOAD_PATH_LEN];
	const char	*top = getenv("top_srcdir");
	FILE		*f;
	char		*buf;
	size_t		 n;

	snprintf(path, sizeof(path), "%s/%s", top != NULL ? top : ".", rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if ((buf = malloc(LOAD_MAX_FILE)) == NULL) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, LOAD_MAX_FILE - 1, f);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Every shipped rule file in a new ruleset; NULL (with a message). */
static struct ruleset * __attribute__((unused))
load_rules(void)
{
	struct ruleset	*rs;
	char		 rel[LOAD_REL_LEN], err[256];
	char		*text;
	size_t		 i, len;

	if ((rs = ruleset_new()) == NULL)
		return NULL;
	for (i = 0; load_files[i] != NULL; i++) {
		snprintf(rel, sizeof(rel), "sql/rules/%s", load_files[i]);
		if ((text = load_text(rel, &len)) == NULL) {
			printf("# cannot read %s\n", rel);
			continue;
		}
		if (ruleset_add(rs, load_files[i], text, len, err,
		    sizeof(err)) == -1)
			printf("# %s\n", err);
		free(text);
	}
	return rs;
}

#endif
