/*
 * The award list of the rule data (awards.csv, the Commission's
 * export): every modern award with its title, found by code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/rules_cache.h"
#include "tap.h"

#define ALL_AWARDS	156
#define FILE_MAX	(1024 * 1024)
#define PATH_LEN	1024

/* A file of the source tree; the caller frees it. */
static char *
read_source(const char *rel, size_t *len)
{
	const char	*top = getenv("top_srcdir");
	char		 path[PATH_LEN], *buf;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", top != NULL ? top : ".", rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if ((buf = malloc(FILE_MAX)) == NULL)
		abort();
	*len = fread(buf, 1, FILE_MAX, f);
	fclose(f);
	return buf;
}

int
main(void)
{
	struct award_entry	 list[AWARD_LIST_MAX];
	struct rules_cache	*c;
	const char		 small[] = "\xef\xbb\xbf\"x\",\"data__code\","
				    "\"data__name\"\r\n\"1\",\"MA000010\","
				    "\"Manufacturing, and \"\"Associated\"\" "
				    "Award \"\r\n\"\",\"MA000002\",\"Clerks\"";
	char			 err[256], *text;
	size_t			 len;
	int			 n;

	n = rules_award_list_parse(small, strlen(small), list,
	    AWARD_LIST_MAX, err, sizeof(err));
	is_int(n, 2, "two awards, a BOM and CRLF line ends");
	is_str(list[0].code, "MA000002", "sorted by code");
	is_str(list[1].title, "Manufacturing, and \"Associated\" Award",
	    "quoted commas and quotes; trailing space trimmed");
	n = rules_award_list_parse("a,b\n1,2\n", 8, list, AWARD_LIST_MAX,
	    err, sizeof(err));
	is_int(n, -1, "a file without the code and name columns");

	if ((text = read_source("sql/rules/awards.csv", &len)) == NULL) {
		ok(0, "awards.csv readable");
		return tap_done();
	}
	n = rules_award_list_parse(text, len, list, AWARD_LIST_MAX, err,
	    sizeof(err));
	free(text);
	is_int(n, ALL_AWARDS, "awards.csv lists every modern award");
	is_str(list[3].code, "MA000004", "MA000004 in its place");
	is_str(list[3].title, "General Retail Industry Award 2020",
	    "its title");

	c = rules_cache_new();
	memcpy(c->awards, list, (size_t)n * sizeof(list[0]));
	c->nawards = (size_t)n;
	is_str(rules_cache_title(c, "MA000009"),
	    "Hospitality Industry (General) Award 2020", "title by code");
	ok(rules_cache_title(c, "MA000999") == NULL, "no such award");
	ok(c->rs == NULL, "nothing loaded yet");
	rules_cache_free(c);
	return tap_done();
}
