#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/datetime.h"

#define YEAR_MIN	1900
#define YEAR_MAX	2199

/* Howard Hinnant's civil-from-days arithmetic, proleptic Gregorian. */
int
date_from_civil(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_civil(int days, int *y, int *m, int *d)
{
	int	 era, doe, yoe, doy, mp;

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_valid(int y, int m, int d)
{
	static const int mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 max;

	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1)
		return 0;
	max = mdays[m - 1] + (m == 2 && is_leap(y));
	return d <= max;
}

int
date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (3 with Monday as 0). */
	int	 w = (days + 3) % 7;

	return w < 0 ? w + 7 : w;
}

/* Reads exactly n digits; returns -1 unless all are digits. */
static int
digits(const char *s, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
date_make(int y, int m, int d, int *days)
{
	if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
		return -1;
	*days = date_from_civil(y, m, d);
	return 0;
}

int
date_parse_iso(const char *s, int *days)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	return date_make(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2),
	    days);
}

int
date_parse_any(const char *s, int *days)
{
	if (s == NULL)
		return -1;
	if (strlen(s) == 10 && s[2] == '/' && s[5] == '/')
		return date_make(digits(s + 6, 4), digits(s + 3, 2),
		    digits(s, 2), days);
	return date_parse_iso(s, days);
}

void
date_format(int days, char out[DATE_STRLEN])
{
	int	 y, m, d;

	date_to_civil(days, &y, &m, &d);
	snprintf(out, DATE_STRLEN, "%04d-%02d-%02d", y, m, d);
}

int
time_parse(const char *s, int *minutes)
{
	size_t	 len;
	int	 h, m;

	if (s == NULL)
		return -1;
	len = strlen(s);
	if (len == 8 && (s[5] != ':' || digits(s + 6, 2) != 0))
		return -1;
	if ((len != 5 && len != 8) || s[2] != ':')
		return -1;
	h = digits(s, 2);
	m = digits(s + 3, 2);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void
time_format(int minutes, char out[TIME_STRLEN])
{
	minutes %= MINUTES_PER_DAY;
	if (minutes < 0)
		minutes += MINUTES_PER_DAY;
	snprintf(out, TIME_STRLEN, "%02d:%02d", minutes / 60, minutes % 60);
}
