/*
 * Calendar dates as day numbers and times of day as minutes, with
 * strict parsers for the forms the API accepts.  Pure functions.
 */
#ifndef AWARD_DATETIME_H
#define AWARD_DATETIME_H

#include <stddef.h>

#define DATE_STRLEN	11	/* "YYYY-MM-DD" and its NUL */
#define TIME_STRLEN	6	/* "HH:MM" and its NUL */
#define MINUTES_PER_DAY	1440

/* Days since 1970-01-01 (negative before it). */
int	date_from_civil(int y, int m, int d);
void	date_to_civil(int days, int *y, int *m, int *d);
int	date_valid(int y, int m, int d);

/* 0 = Monday ... 6 = Sunday. */
int	date_weekday(int days);

/* "YYYY-MM-DD" only.  Return 0, or -1 for text that is not a real date. */
int	date_parse_iso(const char *, int *days);
/* "YYYY-MM-DD" or "DD/MM/YYYY". */
int	date_parse_any(const char *, int *days);
void	date_format(int days, char out[DATE_STRLEN]);

/* "HH:MM" (or "HH:MM:SS" with zero seconds), 00:00 to 23:59. */
int	time_parse(const char *, int *minutes);
void	time_format(int minutes, char out[TIME_STRLEN]);

#endif
