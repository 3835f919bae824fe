#include "config.h"

#include <stdarg.h>

#include "common/datetime.h"
#include "tap.h"

int
main(void)
{
	char	 s[DATE_STRLEN], t[TIME_STRLEN];
	int	 d, m;

	ok(date_parse_iso("2025-07-01", &d) == 0, "ISO date parses");
	date_format(d, s);
	is_str(s, "2025-07-01", "ISO date round-trips");
	is_int(date_weekday(d), 1, "2025-07-01 is a Tuesday");
	ok(date_parse_iso("2026-03-21", &d) == 0 && date_weekday(d) == 5,
	    "2026-03-21 is a Saturday");
	ok(date_parse_iso("2025-02-29", &d) == -1, "2025-02-29 refused");
	ok(date_parse_iso("2024-02-29", &d) == 0, "2024-02-29 accepted");
	ok(date_parse_any("31/04/2025", &d) == -1, "31/04/2025 refused");
	ok(date_parse_any("30/04/2025", &d) == 0, "DD/MM/YYYY accepted");
	date_format(d, s);
	is_str(s, "2025-04-30", "DD/MM/YYYY read day first");
	ok(date_parse_iso("2025-7-01", &d) == -1, "short month refused");
	ok(date_parse_iso("2025-07-01x", &d) == -1, "trailing text refused");
	ok(date_parse_iso("", &d) == -1, "empty date refused");
	ok(date_parse_iso(NULL, &d) == -1, "NULL date refused");
	ok(date_parse_iso("+025-07-01", &d) == -1, "sign refused");
	is_int(date_from_civil(1970, 1, 1), 0, "epoch is day 0");
	is_int(date_from_civil(2000, 3, 1) - date_from_civil(2000, 2, 28), 2,
	    "2000 is a leap year");

	ok(time_parse("09:30", &m) == 0 && m == 570, "09:30 is minute 570");
	ok(time_parse("23:59", &m) == 0 && m == 1439, "23:59 accepted");
	ok(time_parse("24:00", &m) == -1, "24:00 refused");
	ok(time_parse("24:60", &m) == -1, "24:60 refused");
	ok(time_parse("25:00", &m) == -1, "25:00 refused");
	ok(time_parse("9:30", &m) == -1, "one-digit hour refused");
	ok(time_parse("09:30:00", &m) == 0 && m == 570, "zero seconds ok");
	ok(time_parse("09:30:15", &m) == -1, "seconds refused");
	time_format(1439 + 1440, t);
	is_str(t, "23:59", "time formats modulo a day");
	return tap_done();
}
