/*
 * Golden figures: every adult and junior, non-apprentice penalty and
 * overtime rate of the official MAPD export for the General Retail
 * award (tests/engine/MA000004.golden, built by
 * tests/engine/mapd-golden.py) must come out of a one-hour shift of
 * its kind to the cent.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/datetime.h"
#include "common/util.h"
#include "engine/pay.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

#define GOLDEN_FIELDS	13
#define GOLDEN_FILE	"tests/engine/MA000004.golden"

enum golden_field {
	G_CLASS, G_AGE, G_YEAR, G_EMP, G_WORKER, G_DATE, G_START, G_END,
	G_TODAY, G_PH, G_PERCENT, G_DOLLARS, G_WHAT
};

#define ALLOW_FIELDS	5

static int	 checked, matched, skipped;
static int	 allow_checked, allow_matched;

static int
golden_split(char *line, char **f)
{
	char	*save = NULL, *tok;
	int	 n = 0;

	for (tok = strtok_r(line, " ", &save); tok != NULL && n <
	    GOLDEN_FIELDS; tok = strtok_r(NULL, " ", &save))
		f[n++] = tok;
	return n;
}

static void
golden_check(const struct ruleset *rs, char **f)
{
	struct pay_request	 req;
	struct pay_result	 res;
	char			 err[256];
	long long		 want, today, pct, age;
	enum pay_error		 e;

	pay_request_init(&req);
	snprintf(req.award_code, sizeof(req.award_code), "MA000004");
	snprintf(req.class_code, sizeof(req.class_code), "%s", f[G_CLASS]);
	if (emp_type_parse(f[G_EMP], &req.emp) == -1 ||
	    worker_type_parse(f[G_WORKER], &req.worker) == -1 ||
	    date_parse_iso(f[G_DATE], &req.work_date) == -1 ||
	    time_parse(f[G_START], &req.start_min) == -1 ||
	    time_parse(f[G_END], &req.end_min) == -1 ||
	    parse_long(f[G_TODAY], 0, 24, &today) == -1 ||
	    parse_decimal(f[G_PERCENT], 2, 100000, &pct) == -1 ||
	    parse_decimal(f[G_DOLLARS], 2, 1000000, &want) == -1) {
		ok(0, "golden line readable: %s %s", f[G_CLASS], f[G_WHAT]);
		return;
	}
	req.today_units = today * HOUR_UNITS;
	if (strcmp(f[G_AGE], "-") != 0) {
		if (parse_long(f[G_AGE], 0, PAY_AGE_MAX, &age) == -1) {
			ok(0, "golden age readable: %s", f[G_AGE]);
			return;
		}
		req.age = (int)age;
	}
	req.is_public_holiday = strcmp(f[G_PH], "1") == 0;
	checked++;
	e = pay_calculate(rs, &req, &res, err, sizeof(err));
	if (e != PAY_OK) {
		ok(0, "%s age %s %s %s %s %s: %s", f[G_CLASS], f[G_AGE],
		    f[G_YEAR], f[G_EMP], f[G_WORKER], f[G_WHAT], err);
		return;
	}
	if (res.nlines > 0 && res.lines[0].amount_cents == want &&
	    res.lines[0].rate_cents == want &&
	    res.lines[0].percent == (int)pct)
		matched++;
	else {
		ok(0, "%s age %s %s %s %s %s", f[G_CLASS], f[G_AGE],
		    f[G_YEAR], f[G_EMP], f[G_WORKER], f[G_WHAT]);
		printf("#   got %lld cents at %d, want %lld at %lld\n",
		    res.nlines > 0 ? res.lines[0].amount_cents : -1,
		    res.nlines > 0 ? res.lines[0].percent : -1, want, pct);
	}
}

/*
 * An allowance claimed once (one week, hour, shift, occasion or km)
 * on a Wednesday of the rate year must be the official amount.
 */
static void
allowance_check(const struct ruleset *rs, char **f)
{
	struct pay_request	 req;
	struct pay_result	 res;
	char			 err[256];
	long long		 want;
	size_t			 i;

	pay_request_init(&req);
	snprintf(req.award_code, sizeof(req.award_code), "MA000004");
	snprintf(req.class_code, sizeof(req.class_code), "RE1");
	snprintf(req.extra[0].code, sizeof(req.extra[0].code), "%s", f[1]);
	req.extra[0].quantity = PAY_QTY_SCALE;
	req.nextra = 1;
	req.start_min = 10 * 60;
	req.end_min = 11 * 60;
	if (emp_type_parse(f[3], &req.emp) == -1 ||
	    date_parse_iso(strcmp(f[2], "2024") == 0 ? "2024-11-13" :
	    "2025-11-12", &req.work_date) == -1 ||
	    parse_decimal(f[4], 2, 1000000, &want) == -1) {
		ok(0, "allowance line readable: %s", f[1]);
		return;
	}
	allow_checked++;
	if (pay_calculate(rs, &req, &res, err, sizeof(err)) != PAY_OK) {
		ok(0, "allowance %s %s: %s", f[1], f[2], err);
		return;
	}
	for (i = 0; i < res.nlines; i++)
		if (strcmp(res.lines[i].code, f[1]) == 0)
			break;
	if (i < res.nlines && res.lines[i].rate_cents == want &&
	    res.lines[i].amount_cents == want)
		allow_matched++;
	else
		ok(0, "allowance %s %s: want %lld cents", f[1], f[2], want);
}

int
main(void)
{
	struct ruleset	*rs;
	char		*text, *line, *save = NULL, *f[GOLDEN_FIELDS];
	size_t		 len;
	int		 n;

	if ((rs = load_rules()) == NULL ||
	    ruleset_award(rs, "MA000004") == NULL) {
		ok(0, "rules load");
		return tap_done();
	}
	if ((text = load_text(GOLDEN_FILE, &len)) == NULL) {
		ok(0, "golden file %s readable", GOLDEN_FILE);
		return tap_done();
	}
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (strncmp(line, "skip ", 5) == 0) {
			skipped++;
			continue;
		}
		n = golden_split(line, f);
		if (n == ALLOW_FIELDS && strcmp(f[0], "allowance") == 0) {
			allowance_check(rs, f);
			continue;
		}
		if (n != GOLDEN_FIELDS) {
			ok(0, "golden line has %d fields", GOLDEN_FIELDS);
			continue;
		}
		golden_check(rs, f);
	}
	printf("# official MAPD figures checked: %d, matched: %d, "
	    "not modelled: %d\n", checked, matched, skipped);
	ok(checked > 0 && matched == checked,
	    "all %d official Retail figures match", checked);
	ok(checked >= 1100, "at least 1100 official figures checked");
	printf("# official MAPD allowance amounts checked: %d, matched: %d\n",
	    allow_checked, allow_matched);
	ok(allow_checked == 20 && allow_matched == allow_checked,
	    "all %d official Retail allowance amounts match", allow_checked);
	free(text);
	ruleset_free(rs);
	return tap_done();
}
