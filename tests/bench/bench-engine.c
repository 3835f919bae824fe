/*
 * Pay engine throughput on one core: a realistic mix of shifts across
 * the five awards (weekday, evening, weekend, overnight, public
 * holiday, casual, junior, overtime), calculated over and over.
 *
 *	bench-engine [rules-dir] [seconds]
 *
 * Prints the calculations per second.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/datetime.h"
#include "common/util.h"
#include "engine/pay.h"
#include "engine/ruleset.h"

#define MIX		4096
#define DEFAULT_SECONDS	2
#define BATCH		65536
#define MAX_FILE	(1024 * 1024)
#define PATH_LEN	1024
#define MS_PER_S	1000.0

static const char *const files[] = {
	"MA000002.rules", "MA000003.rules", "MA000004.rules",
	"MA000009.rules", "MA000119.rules", "holidays.rules", NULL
};

static const char *const awards[] = {
	"MA000004", "MA000004", "MA000009", "MA000119", "MA000002",
	"MA000003"
};

static uint64_t	 prng = 88172645463325252ULL;

static uint32_t
rnd(uint32_t n)
{
	prng ^= prng << 13;
	prng ^= prng >> 7;
	prng ^= prng << 17;
	return (uint32_t)(prng % n);
}

static int
rules_load(struct ruleset *rs, const char *dir)
{
	char	 path[PATH_LEN], err[256], *buf;
	FILE	*f;
	size_t	 i, n;

	if ((buf = malloc(MAX_FILE)) == NULL)
		return -1;
	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if ((f = fopen(path, "rb")) == NULL) {
			fprintf(stderr, "bench-engine: cannot open %s\n", path);
			free(buf);
			return -1;
		}
		n = fread(buf, 1, MAX_FILE, f);
		fclose(f);
		if (ruleset_add(rs, files[i], buf, n, err, sizeof(err)) == -1) {
			fprintf(stderr, "bench-engine: %s\n", err);
			free(buf);
			return -1;
		}
	}
	free(buf);
	return 0;
}

/* Mostly day shifts of 4 to 9 hours, some evenings and overnights. */
static void
mix_make(const struct ruleset *rs, struct pay_request *q)
{
	const struct award	*a;
	size_t			 i;
	int			 kind, len;

	for (i = 0; i < MIX; i++) {
		pay_request_init(&q[i]);
		a = ruleset_award(rs, awards[rnd(6)]);
		snprintf(q[i].award_code, sizeof(q[i].award_code), "%s",
		    a->code);
		snprintf(q[i].class_code, sizeof(q[i].class_code), "%s",
		    a->classes[rnd((uint32_t)a->nclasses)].code);
		q[i].emp = (enum emp_type)rnd(EMP__MAX);
		q[i].work_date = date_from_civil(2025, 1, 1) + (int)rnd(365);
		kind = (int)rnd(10);
		len = 240 + (int)rnd(21) * 15;
		q[i].start_min = kind < 6 ? 420 + (int)rnd(12) * 30 :
		    kind < 9 ? 960 + (int)rnd(8) * 30 : 1260;
		q[i].end_min = (q[i].start_min + len) % MINUTES_PER_DAY;
		q[i].break_min = len > 300 ? 30 : 0;
		if (rnd(4) == 0)
			q[i].state = (enum au_state)(1 + rnd(STATE__MAX - 1));
		if (rnd(10) == 0)
			q[i].age = 16 + (int)rnd(5);
		if (rnd(5) == 0)
			q[i].week_units = (30 + rnd(10)) * HOUR_UNITS;
	}
}

int
main(int argc, char *argv[])
{
	static struct pay_result	 res;
	struct pay_request		*q;
	struct ruleset			*rs;
	const char			*dir = "sql/rules";
	double				 t0, el, seconds = DEFAULT_SECONDS;
	long long			 n = 0, gross = 0, v;
	char				 err[256];
	size_t				 i;

	if (argc > 1)
		dir = argv[1];
	if (argc > 2 && parse_long(argv[2], 1, 3600, &v) == 0)
		seconds = (double)v;
	if ((rs = ruleset_new()) == NULL || rules_load(rs, dir) == -1 ||
	    (q = calloc(MIX, sizeof(*q))) == NULL)
		return 1;
	mix_make(rs, q);
	t0 = clock_ms();
	do {
		for (i = 0; i < BATCH; i++) {
			if (pay_calculate(rs, &q[i % MIX], &res, err,
			    sizeof(err)) != PAY_OK) {
				fprintf(stderr, "bench-engine: %s\n", err);
				return 1;
			}
			gross += res.gross_cents;
		}
		n += BATCH;
		el = clock_ms() - t0;
	} while (el < seconds * MS_PER_S);
	printf("%lld calculations in %.0f ms: %.0f calculations per second "
	    "(checksum %lld)\n", n, el, n / (el / MS_PER_S), gross % 1000);
	free(q);
	ruleset_free(rs);
	return 0;
}
