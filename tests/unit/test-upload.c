/* The row model: column names, required columns, UTF-8, sniffing. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "batch/upload.h"
#include "tap.h"

#define LOOKUP(s)	upload_col_lookup((s), strlen(s))

static void
test_names(void)
{
	is_int(LOOKUP("award_code"), UPLOAD_COL_AWARD_CODE, "award_code");
	is_int(LOOKUP("Award_Code"), UPLOAD_COL_AWARD_CODE,
	    "names are case-insensitive");
	is_int(LOOKUP("  DATE\t"), UPLOAD_COL_DATE,
	    "surrounding spaces and tabs trimmed");
	is_int(LOOKUP("classification_code"), UPLOAD_COL_CLASSIFICATION,
	    "classification_code is classification");
	is_int(LOOKUP("employment_type"), UPLOAD_COL_EMP_TYPE,
	    "employment_type is emp_type");
	is_int(LOOKUP("work_date"), UPLOAD_COL_DATE, "work_date is date");
	is_int(LOOKUP("unpaid_break_minutes"), UPLOAD_COL_BREAK_MINUTES,
	    "unpaid_break_minutes is break_minutes");
	is_int(LOOKUP("total_hours_worked"), UPLOAD_COL_HOURS,
	    "total_hours_worked is hours");
	is_int(LOOKUP("is_public_holiday"), UPLOAD_COL_IS_PUBLIC_HOLIDAY,
	    "is_public_holiday");
	is_int(LOOKUP("actual_pay"), UPLOAD_COL_ACTUAL_PAY, "actual_pay");
	is_int(LOOKUP("hours_already_worked_this_week"),
	    UPLOAD_COL_HOURS_WEEK, "hours_already_worked_this_week");
	is_int(LOOKUP("date2"), -1, "unknown name");
	is_int(LOOKUP("dat"), -1, "prefix of a name is unknown");
	is_int(LOOKUP(""), -1, "empty name is unknown");
	is_int(LOOKUP("   "), -1, "blank name is unknown");
	is_int(upload_col_lookup("date,x", 4), UPLOAD_COL_DATE,
	    "only len bytes are read");
	is_str(upload_col_name(UPLOAD_COL_EMP_TYPE), "emp_type",
	    "canonical name is the CSV name");
	is_str(upload_col_name(UPLOAD_COL_CLASSIFICATION), "classification",
	    "canonical name is not the alias");
}

static void
test_required(void)
{
	unsigned char	 has[UPLOAD_COL__MAX];
	char		 msg[UPLOAD_MSG_LEN];

	memset(has, 1, sizeof(has));
	is_int(upload_required_missing(has, "column", msg, sizeof(msg)), 0,
	    "everything present");

	has[UPLOAD_COL_HOURS] = 0;
	is_int(upload_required_missing(has, "column", msg, sizeof(msg)), 0,
	    "start and end without hours");

	memset(has, 1, sizeof(has));
	has[UPLOAD_COL_START_TIME] = has[UPLOAD_COL_END_TIME] = 0;
	is_int(upload_required_missing(has, "column", msg, sizeof(msg)), 0,
	    "hours without start and end");

	memset(has, 1, sizeof(has));
	has[UPLOAD_COL_DATE] = 0;
	is_int(upload_required_missing(has, "column", msg, sizeof(msg)), 1,
	    "date missing");
	is_str(msg, "missing required column: date", "names the column");

	memset(has, 0, sizeof(has));
	has[UPLOAD_COL_START_TIME] = 1;
	is_int(upload_required_missing(has, "field", msg, sizeof(msg)), 5,
	    "nearly everything missing");
	is_str(msg, "missing required fields: award_code, classification, "
	    "emp_type, date, end_time (or hours)", "lists them all");
}

static void
test_utf8(void)
{
	static const struct {
		const char	*s;
		size_t		 span;
		const char	*what;
	} cases[] = {
		{ "plain", 5, "ASCII" },
		{ "caf\xc3\xa9", 5, "two-byte sequence" },
		{ "\xe2\x82\xac", 3, "three-byte sequence" },
		{ "\xf0\x9f\x98\x80", 4, "four-byte sequence" },
		{ "a\xc0\x80", 1, "overlong NUL refused" },
		{ "a\xe0\x80\xaf", 1, "overlong three-byte refused" },
		{ "a\xed\xa0\x80", 1, "UTF-16 surrogate refused" },
		{ "a\xf4\x90\x80\x80", 1, "past U+10FFFF refused" },
		{ "a\xf8\x88\x80\x80\x80", 1, "five-byte form refused" },
		{ "ab\xc3", 2, "truncated sequence refused" },
		{ "a\x80", 1, "stray continuation refused" },
		{ "\xe2\x82x", 0, "bad continuation refused" },
		{ "\xff", 0, "0xff refused" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(upload_utf8_span(cases[i].s, strlen(cases[i].s)),
		    cases[i].span, "UTF-8: %s", cases[i].what);
}

static void
test_sniff(void)
{
	char	 msg[UPLOAD_MSG_LEN];

	is_int(upload_sniff((const unsigned char *)"\xef\xbb\xbf" "a", 4,
	    msg, sizeof(msg)), 3, "UTF-8 BOM skipped");
	is_int(upload_sniff((const unsigned char *)"awar", 4, msg,
	    sizeof(msg)), 0, "plain text kept");
	is_int(upload_sniff((const unsigned char *)"a", 1, msg,
	    sizeof(msg)), 0, "one byte is fine");
	is_int(upload_sniff((const unsigned char *)"", 0, msg,
	    sizeof(msg)), 0, "nothing is fine");
	is_int(upload_sniff((const unsigned char *)"\xff\xfe" "a\0", 4, msg,
	    sizeof(msg)), -1, "UTF-16LE BOM refused");
	is_str(msg, "UTF-16 is not supported; save the file as UTF-8",
	    "UTF-16 message");
	is_int(upload_sniff((const unsigned char *)"\xfe\xff\0a", 4, msg,
	    sizeof(msg)), -1, "UTF-16BE BOM refused");
	is_int(upload_sniff((const unsigned char *)"a\0w\0", 4, msg,
	    sizeof(msg)), -1, "UTF-16LE without BOM refused");
	is_int(upload_sniff((const unsigned char *)"\0a\0w", 4, msg,
	    sizeof(msg)), -1, "UTF-16BE without BOM refused");
}

int
main(void)
{
	test_names();
	test_required();
	test_utf8();
	test_sniff();
	return tap_done();
}
