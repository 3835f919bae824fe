/*
 * The rule file parser: what it accepts, what it refuses (with the
 * file and line), and the lookups over what it built.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

static const char good[] =
    "# a small award\n"
    "award code=MA999001 title=\"Test Award\" version=1\r\n"
    "class code=T1 level=1 label=\"Level 1\" clause=A\n"
    "class code=T2 level=2 label=\"Level 2\" clause=A\n"
    "rate class=T1 from=2025-07-01 weekly=1000.00 clause=10\n"
    "rate class=T1 from=2024-07-01 weekly=950 clause=10\n"
    "rate class=T2 from=2024-07-01 weekly=1100.5 clause=10\n"
    "standard class=T2 clause=2\n"
    "hours emp=all week=38 day=10 clause=12   # trailing comment\n"
    "junior max_age=17 percent=60 clause=11\n"
    "junior max_age=15 percent=40 clause=11\n"
    "penalty code=ORDINARY desc=\"Ordinary\" days=mon-fri "
    "percent=100 category=ordinary clause=20\n"
    "allowance code=TOOL desc=\"Tools\" kind=expense per=week "
    "clause=14\n"
    "amount code=TOOL from=2024-07-01 value=10.00 clause=14\n"
    "amount code=TOOL from=2025-07-01 value=10.50 clause=14\n";

static void
refused(const char *text, const char *want, const char *what)
{
	struct ruleset	*rs = ruleset_new();
	char		 err[256];

	ok(ruleset_add(rs, "t.rules", text, strlen(text), err, sizeof(err))
	    == -1 && strstr(err, want) != NULL, "refused: %s", what);
	if (strstr(err, want) == NULL)
		printf("#   got \"%s\"\n", err);
	is_int(ruleset_award_count(rs), 0, "nothing kept: %s", what);
	ruleset_free(rs);
}

static void
good_award(void)
{
	struct ruleset			*rs = ruleset_new();
	const struct award		*a;
	const struct award_rate		*r;
	const struct award_amount	*m;
	char				 err[256];
	int				 d;

	ok(ruleset_add(rs, "t.rules", good, strlen(good), err, sizeof(err))
	    == 0, "a good file parses");
	a = ruleset_award(rs, "MA999001");
	ok(a != NULL, "award found by code");
	if (a == NULL)
		goto out;
	is_str(a->title, "Test Award", "title read");
	is_int(award_class_find(a, "T2"), 1, "class index");
	is_int(award_class_find(a, "T3"), -1, "unknown class");
	date_parse_iso("2025-06-30", &d);
	ok(award_rate_at(a, 0, d, &r) == 0 && r->weekly_cents == 95000,
	    "old rate on 30 June");
	ok(award_rate_at(a, 0, d + 1, &r) == 0 && r->weekly_cents == 100000,
	    "new rate on 1 July");
	ok(award_rate_at(a, 1, d + 1, &r) == 0 && r->weekly_cents == 110050,
	    "1100.5 is 110050 cents");
	ok(award_rate_at(a, 0, d - 400, &r) == -1, "no rate before 2024");
	is_int(award_junior_percent(a, 0, 15, NULL), 4000, "age 15: 40");
	is_int(award_junior_percent(a, 0, 16, NULL), 6000, "age 16: 60");
	is_int(award_junior_percent(a, 0, 18, NULL), 0, "age 18: adult");
	is_int(a->hours[EMP_CASUAL].day_units, 10 * HOUR_UNITS, "day 10 h");
	m = award_amount_at(a, "TOOL", d + 1);
	ok(m != NULL && m->cents == 1050, "dated amount");
	is_int(a->penalties[0].src.line, 12, "rule id is its line");
	is_str(a->penalties[0].src.clause, "20", "clause kept");
	is_int(a->pen_count[EMP_CASUAL][WORKER_SHIFT][4], 1,
	    "indexed for Friday");
	is_int(a->pen_count[EMP_CASUAL][WORKER_SHIFT][5], 0,
	    "not for Saturday");
out:
	ruleset_free(rs);
}

static void
bad_files(void)
{
	refused("class code=T1 level=1 label=x clause=A\n", "t.rules:1:",
	    "a class before any award");
	refused("award code=A title=T version=1\nfrobnicate x=1\n",
	    "t.rules:2: unknown keyword", "an unknown keyword");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=x clause=A colour=red\n",
	    "unknown field colour", "an unknown field");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=x\n", "missing field clause",
	    "a rule without a clause");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=x clause=A\n"
	    "rate class=T1 from=2025-02-30 weekly=1 clause=1\n",
	    "bad date", "a date that does not exist");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=x clause=A\n"
	    "rate class=T1 from=2025-07-01 weekly=1e3 clause=1\n",
	    "bad number", "a number in exponent form");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=x clause=A\n",
	    "class T1 has no rate", "a class without a rate");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=\"x clause=A\n",
	    "unterminated quote", "an open quote");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=x clause=A\n"
	    "rate class=T1 from=2025-07-01 weekly=1 clause=1\n"
	    "penalty code=P desc=d days=fri-mon percent=1 clause=1\n",
	    "bad days", "a backwards day range");
	refused("award code=A title=T version=1\n"
	    "class code=T1 level=1 label=x clause=A\n"
	    "rate class=T1 from=2025-07-01 weekly=1 clause=1\n"
	    "allowance code=X desc=d kind=expense per=week clause=1\n",
	    "allowance X has no amount", "an allowance without an amount");
	refused("holiday date=2025-01-01 states=NSW,XYZ name=x\n",
	    "bad states", "an unknown state");
}

static void
shipped(void)
{
	struct ruleset		*rs;
	const struct holiday	*h;
	const struct award	*a;
	int			 d;

	rs = load_rules();
	is_int(ruleset_award_count(rs), 5, "five shipped awards load");
	ok(ruleset_holiday_count(rs) > 80, "the holiday calendar loads");
	date_parse_iso("2025-03-10", &d);
	ok(ruleset_holiday(rs, d, STATE_VIC) != NULL, "VIC Labour Day");
	ok(ruleset_holiday(rs, d, STATE_NSW) == NULL, "not in NSW");
	ok(ruleset_holiday(rs, d, STATE_NONE) == NULL, "not national");
	date_parse_iso("2025-12-25", &d);
	ok(ruleset_holiday(rs, d, STATE_NONE) != NULL, "Christmas national");
	date_parse_iso("2025-12-24", &d);
	h = ruleset_holiday(rs, d, STATE_SA);
	ok(h != NULL && h->from == 19 * 60, "SA Christmas Eve from 7 pm");
	a = ruleset_award(rs, "MA000003");
	is_int(award_day_percent(a, award_class_find(a, "FF1"), EMP_CASUAL,
	    WORKER_NON_SHIFT, 6), 15000, "Fast Food casual Sunday level 1");
	is_int(award_day_percent(a, award_class_find(a, "FF2"), EMP_CASUAL,
	    WORKER_NON_SHIFT, 6), 17500, "Fast Food casual Sunday level 2");
	is_int(award_day_percent(a, 0, EMP_FULL_TIME, WORKER_NON_SHIFT,
	    DAYBIT_PH), 22500, "Fast Food public holiday");
	is_int(award_ot_split(a, EMP_FULL_TIME), 2 * HOUR_UNITS,
	    "Fast Food overtime split 2 h");
	a = ruleset_award(rs, "MA000004");
	is_int(award_ot_split(a, EMP_CASUAL), 3 * HOUR_UNITS,
	    "Retail overtime split 3 h");
	ruleset_free(rs);
}

int
main(void)
{
	good_award();
	bad_files();
	shipped();
	return tap_done();
}
