/*
 * libFuzzer driver for the MAPD export reader and the rule file
 * update, which read files an operator downloads.  The first byte
 * picks the kind of export; the rest is its text, read and then
 * applied to a small award.  Not built by default:
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Iapp \
 *	    tests/engine/fuzz-mapd.c app/engine/mapd.c app/engine/pay.c \
 *	    app/engine/ruleset.c app/common/buf.c app/common/datetime.c \
 *	    app/common/util.c -lcsv -lcrypto -lm
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/buf.h"
#include "engine/mapd.h"

#define FUZZ_ERR_LEN	256

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char award[] =
    "award code=MA000004 title=\"T\" version=2025-07-01.1\n"
    "class code=RE1 level=1 label=\"Retail Employee Level 1\" clause=A\n"
    "class code=RE2 level=2 label=\"Retail Employee Level 2\" clause=A\n"
    "rate class=RE1 from=2024-07-01 weekly=974.80 clause=17.1\r\n"
    "rate class=RE2 from=2024-07-01 weekly=997.10 clause=17.1\n"
    "standard class=RE2 clause=2\n"
    "hours emp=all week=38 day=9 clause=15\n"
    "junior max_age=16 classes=RE1 percent=50 clause=17.2\n"
    "penalty code=ORDINARY desc=\"Ordinary hours\" emp=ftpt "
    "days=mon-fri percent=100 category=ordinary clause=22.1\n"
    "penalty code=EVENING desc=\"Evening\" emp=casual days=mon-fri "
    "match=time from=18:00 to=24:00 percent=150 clause=22.1\n"
    "overtime desc=\"First 3 hours\" emp=ftpt days=mon-sat hours=3 "
    "percent=150 clause=21.3\n"
    "overtime desc=\"After 3 hours\" emp=ftpt days=mon-sat percent=200 "
    "clause=21.3\n"
    "allowance code=FIRST_AID desc=\"First aid\" kind=wage percent=1.3 "
    "per=week clause=19.10(b)\n"
    "allowance code=MEAL desc=\"Meal\" kind=expense per=occasion "
    "clause=19.2(b)(i)\n"
    "amount code=MEAL from=2024-07-01 value=22.99 clause=19.2(b)(i)";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mapd		*m;
	struct mapd_report	 rep;
	struct buf		 out, log;
	char			 err[FUZZ_ERR_LEN];

	if (len == 0 || (m = mapd_new()) == NULL)
		return 0;
	if (mapd_add(m, (enum mapd_kind)(data[0] % MAPD__MAX), "fuzz.csv",
	    (const char *)data + 1, len - 1, err, sizeof(err)) == 0) {
		buf_init(&out, 0);
		buf_init(&log, 0);
		mapd_update(m, "MA000004.rules", award, strlen(award), &out,
		    &log, &rep, err, sizeof(err));
		buf_free(&out);
		buf_free(&log);
	}
	mapd_free(m);
	return 0;
}
