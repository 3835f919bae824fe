/*
 * The CSV reader.  Every input is read twice, whole and a byte at a
 * time, and both readings must deliver the same rows and errors.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/upload.h"
#include "common/buf.h"
#include "tap.h"

#define MAXROWS		8	/* rows kept for checking */
#define WHOLE		0	/* feed the input in one call */
#define BIG_CHUNK	4096
#define MIB		(1024 * 1024)

#define READER		csv
#include "upload-harness.h"

#define F(g, row, col)	((g)->field[(row)][UPLOAD_COL_##col])

static void
test_basic(void)
{
	struct got	 g;

	is_int(read_text("award_code,classification,emp_type,date,start_time,"
	    "end_time\n"
	    "MA000004,RE2,ft,2026-03-21,09:00,17:00\n"
	    "MA000009,HI1,cas,21/03/2026,22:00,02:00\n", &g, "basic"),
	    UPLOAD_OK, "basic file read");
	is_int(g.n, 2, "two rows");
	is_int(g.index[0], 1, "first data row is index 1");
	is_int(g.index[1], 2, "second is index 2");
	is_str(F(&g, 0, AWARD_CODE), "MA000004", "award_code");
	is_str(F(&g, 0, CLASSIFICATION), "RE2", "classification");
	is_str(F(&g, 0, EMP_TYPE), "ft", "emp_type");
	is_str(F(&g, 1, DATE), "21/03/2026", "date as given");
	is_str(F(&g, 1, END_TIME), "02:00", "end_time");
	ok(F(&g, 0, HOURS) == NULL, "absent column is NULL");
	ok(g.error[0] == NULL && g.error[1] == NULL, "no row errors");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,start_time,"
	    "end_time\nMA000004,RE2,ft,2026-03-21,09:00,17:00", &g,
	    "no final newline"), UPLOAD_OK, "no final newline read");
	is_int(g.n, 1, "the last row is delivered at finish");
	is_str(F(&g, 0, END_TIME), "17:00", "its last field");
	got_free(&g);
}

static void
test_forms(void)
{
	struct got	 g;

	is_int(read_text("\xef\xbb\xbf" " Date ,EMP_TYPE,Award_Code,notes,"
	    "Classification,End_Time,start_time\r\n"
	    "2026-03-21,pt,MA000004,hello,RE2,17:00,09:00\r\n", &g,
	    "BOM, CRLF, names"), UPLOAD_OK,
	    "BOM, CRLF, case, spaces, order, unknown column");
	is_int(g.n, 1, "one row");
	is_str(F(&g, 0, DATE), "2026-03-21", "date column found");
	is_str(F(&g, 0, AWARD_CODE), "MA000004", "award_code column found");
	is_str(F(&g, 0, START_TIME), "09:00", "start_time is the last");
	is_str(F(&g, 0, END_TIME), "17:00", "no CR left in a value");
	got_free(&g);

	is_int(read_text("award_code,classification_code,employment_type,"
	    "work_date,total_hours_worked,unpaid_break_minutes\n"
	    "MA000004,RE2,casual,2026-03-21,7.5,30\n", &g,
	    "calculate-pay names"), UPLOAD_OK, "calculate-pay names");
	is_str(F(&g, 0, CLASSIFICATION), "RE2", "classification_code");
	is_str(F(&g, 0, EMP_TYPE), "casual", "employment_type");
	is_str(F(&g, 0, DATE), "2026-03-21", "work_date");
	is_str(F(&g, 0, HOURS), "7.5", "hours instead of start and end");
	is_str(F(&g, 0, BREAK_MINUTES), "30", "unpaid_break_minutes");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,start_time,"
	    "end_time,employee_ref\n"
	    "MA000004,\"RE2\",ft,2026-03-21,09:00,17:00,"
	    "\"Smith, \"\"Jo\"\"\r\nline 2\"\n", &g, "quoted"),
	    UPLOAD_OK, "quoted fields");
	is_str(F(&g, 0, CLASSIFICATION), "RE2", "quotes removed");
	is_str(F(&g, 0, EMPLOYEE_REF), "Smith, \"Jo\"\r\nline 2",
	    "comma, doubled quote and CRLF kept inside quotes");
	got_free(&g);

	is_int(read_text("\n\r\naward_code,classification,emp_type,date,hours\n"
	    "\n"
	    "MA000004,RE2,ft,2026-03-21,8\n"
	    "   \n"
	    "\r\n"
	    ",,,,\n"
	    "MA000004,RE3,ft,2026-03-22,8\n"
	    ",,,,\r\n,,,,\r\n", &g, "empty lines"),
	    UPLOAD_OK, "empty lines and empty rows");
	is_int(g.n, 2, "empty lines and rows of empty cells skipped");
	is_int(g.index[1], 2, "skipped lines do not count as rows");
	is_str(F(&g, 1, CLASSIFICATION), "RE3", "second row");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    "  MA000004 ,,ft,2026-03-21,\" 8 \"\n", &g, "spaces"),
	    UPLOAD_OK, "spaces around values");
	is_str(F(&g, 0, AWARD_CODE), "MA000004",
	    "unquoted values are trimmed");
	is_str(F(&g, 0, CLASSIFICATION), "", "an empty cell is \"\"");
	is_str(F(&g, 0, HOURS), " 8 ", "quoted values are kept as is");
	got_free(&g);
}

static void
test_ragged(void)
{
	struct got	 g;

	is_int(read_text("award_code,classification,emp_type,date,start_time,"
	    "end_time,notes\n"
	    "MA000004,RE2,ft,2026-03-21,09:00\n"
	    "MA000004,RE2,ft,2026-03-21,09:00,17:00,x,extra\n"
	    "MA000004,RE2,ft,2026-03-21,09:00,17:00,\n", &g, "ragged"),
	    UPLOAD_OK, "ragged rows do not fail the file");
	is_int(g.n, 3, "all three rows delivered");
	is_str(g.error[0], "row has 5 fields, the header has 7",
	    "short row reported");
	is_str(F(&g, 0, START_TIME), "09:00", "its fields are kept");
	ok(F(&g, 0, END_TIME) == NULL, "the missing ones are NULL");
	is_str(g.error[1], "row has 8 fields, the header has 7",
	    "long row reported");
	ok(g.error[2] == NULL, "a full row after them is fine");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\nx\n",
	    &g, "one field"), UPLOAD_OK, "a one-field row");
	is_str(g.error[0], "row has 1 field, the header has 5",
	    "singular field");
	got_free(&g);
}

static void
test_file_errors(void)
{
	struct got	 g;

	is_int(read_text("", &g, "empty"), UPLOAD_ERR_EMPTY, "empty file");
	is_str(g.msg, "the file is empty", "empty message");
	got_free(&g);
	is_int(read_text("\r\n\n  \n", &g, "blank"), UPLOAD_ERR_EMPTY,
	    "blank lines only");
	got_free(&g);
	is_int(read_text("\xef\xbb\xbf", &g, "BOM only"), UPLOAD_ERR_EMPTY,
	    "a BOM only");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\n", &g,
	    "header only"), UPLOAD_ERR_NO_ROWS, "header only");
	is_str(g.msg, "the file has a header but no data rows",
	    "header only message");
	got_free(&g);
	is_int(read_text("award_code,classification,emp_type,date,hours", &g,
	    "header no newline"), UPLOAD_ERR_NO_ROWS,
	    "header only, no newline");
	got_free(&g);
	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    ",,,,\n\n", &g, "header and blanks"), UPLOAD_ERR_NO_ROWS,
	    "header and empty rows only");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,start_time,"
	    "end_time\na,b,c,d,e\n", &g, "missing"), UPLOAD_ERR_MISSING_COLUMN,
	    "missing date");
	is_str(g.msg, "missing required column: date", "names the column");
	is_int(g.n, 0, "no rows delivered");
	got_free(&g);
	is_int(read_text("award_code,classification,emp_type,date,start_time\n"
	    "a,b,c,d,e\n", &g, "missing end"), UPLOAD_ERR_MISSING_COLUMN,
	    "start_time without end_time or hours");
	is_str(g.msg, "missing required column: end_time (or hours)",
	    "names end_time");
	got_free(&g);
	is_int(read_text("foo,bar\n1,2\n", &g, "no columns"),
	    UPLOAD_ERR_MISSING_COLUMN, "no known column");
	is_str(g.msg, "missing required columns: award_code, classification,"
	    " emp_type, date, start_time, end_time (or hours)",
	    "names them all");
	got_free(&g);

	is_int(read_text("award_code;classification;emp_type;date;hours\n"
	    "a;b;c;d;8\n", &g, "semicolons"), UPLOAD_ERR_MISSING_COLUMN,
	    "semicolon-separated file");
	is_str(g.msg, "missing required columns: award_code, classification,"
	    " emp_type, date, start_time, end_time (or hours); the header has "
	    "no commas: save the file as comma-separated CSV",
	    "says why");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours,Date\n"
	    "a,b,c,d,e,f\n", &g, "duplicate"),
	    UPLOAD_ERR_DUPLICATE_COLUMN, "duplicate column");
	is_str(g.msg, "duplicate column \"Date\" (column 4 is already date)",
	    "names the duplicate");
	got_free(&g);
	is_int(read_text("award_code,classification,classification_code,"
	    "emp_type,date,hours\n", &g, "alias duplicate"),
	    UPLOAD_ERR_DUPLICATE_COLUMN, "a name and its alias");
	is_str(g.msg, "duplicate column \"classification_code\" (column 2 "
	    "is already classification)", "names the alias");
	got_free(&g);
}

static void
test_syntax(void)
{
	struct got	 g;

	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    "a,b,c,d,\"8\n", &g, "unterminated"), UPLOAD_ERR_SYNTAX,
	    "unterminated quote");
	is_str(g.msg, "unterminated quoted field in row 1",
	    "unterminated message names the row");
	is_int(g.n, 0, "the broken row is not delivered");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    "a,b,c,d,8\na,b,c,d,\"8\n\na,b\n", &g, "unterminated 2"),
	    UPLOAD_ERR_SYNTAX, "unterminated quote swallowing the rest");
	is_str(g.msg, "unterminated quoted field in row 2", "row 2");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    "a,b\"c,c,d,8\n", &g, "stray quote"), UPLOAD_ERR_SYNTAX,
	    "quote inside an unquoted field");
	ok(strncmp(g.msg, "malformed quotes in row 1", 25) == 0,
	    "stray quote message");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    "a,\"b\"c,c,d,8\n", &g, "text after quote"), UPLOAD_ERR_SYNTAX,
	    "text after a closing quote");
	got_free(&g);

	is_int(read_text("award_code,\"classif\nication\",emp_type,date,"
	    "hours\n", &g, "header quote"), UPLOAD_ERR_MISSING_COLUMN,
	    "a quoted header name with a newline is just a name");
	is_str(g.msg, "missing required column: classification",
	    "so classification is missing");
	got_free(&g);
}

static void
test_encoding(void)
{
	static const char nul[] = "award_code,classification,emp_type,"
	    "date,hours\na,b\0,c,d,8\n";
	static const char utf16le[] = "\xff\xfe" "a\0w\0a\0r\0d\0";
	static const char utf16be[] = "\xfe\xff\0a\0w";
	static const char utf16[] = "a\0w\0a\0r\0d\0_\0";
	struct got	 g;

	is_int(read_lim(nul, sizeof(nul) - 1, NULL, &g, "NUL"),
	    UPLOAD_ERR_ENCODING, "NUL byte refused");
	is_str(g.msg, "row 1 contains a NUL byte; the file is not CSV text",
	    "NUL message");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    "a,b,c,d,8\na,caf\xe9,c,d,8\n", &g, "latin-1"),
	    UPLOAD_ERR_ENCODING, "invalid UTF-8 refused");
	is_str(g.msg, "invalid UTF-8 in row 2; save the file as UTF-8",
	    "names the row");
	is_int(g.n, 1, "rows before it were delivered");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours,\xc3\n"
	    "a,b,c,d,8,x\n", &g, "bad header"),
	    UPLOAD_ERR_ENCODING, "invalid UTF-8 in the header");
	is_str(g.msg, "invalid UTF-8 in the header; save the file as UTF-8",
	    "names the header");
	got_free(&g);

	is_int(read_text("award_code,classification,emp_type,date,hours\n"
	    "a,caf\xc3\xa9,c,d,8\n", &g, "UTF-8"), UPLOAD_OK,
	    "valid UTF-8 accepted");
	is_str(F(&g, 0, CLASSIFICATION), "caf\xc3\xa9", "and kept");
	got_free(&g);

	is_int(read_lim(utf16le, sizeof(utf16le) - 1, NULL, &g, "UTF-16LE"),
	    UPLOAD_ERR_ENCODING, "UTF-16LE with BOM");
	is_str(g.msg, "UTF-16 is not supported; save the file as UTF-8",
	    "UTF-16 message");
	got_free(&g);
	is_int(read_lim(utf16be, sizeof(utf16be) - 1, NULL, &g, "UTF-16BE"),
	    UPLOAD_ERR_ENCODING, "UTF-16BE with BOM");
	got_free(&g);
	is_int(read_lim(utf16, sizeof(utf16) - 1, NULL, &g, "UTF-16"),
	    UPLOAD_ERR_ENCODING, "UTF-16 without BOM");
	is_str(g.msg, "UTF-16 is not supported; save the file as UTF-8",
	    "UTF-16 message without BOM");
	got_free(&g);
	is_int(read_lim("\xff\xfe", 2, NULL, &g, "BOM alone"),
	    UPLOAD_ERR_ENCODING, "a UTF-16 BOM alone");
	got_free(&g);
}

/* A header and rows whose employee_ref is n bytes of x. */
static void
make_field_file(struct buf *b, size_t n)
{
	buf_init(b, 0);
	buf_puts(b, "award_code,classification,emp_type,date,hours,"
	    "employee_ref\na,b,c,d,8,");
	while (n-- > 0)
		buf_putc(b, 'x');
	buf_puts(b, "\n");
}

static void
test_field_cap(void)
{
	static const char	 small[] = "award_code,classification,"
	    "emp_type,date,hours\na,b,c,d,\"1234\"\n";
	struct upload_limits	 lim;
	struct buf		 b;
	struct got		 g;

	make_field_file(&b, UPLOAD_MAX_FIELD);
	is_int(read_lim(b.data, b.len, NULL, &g, "field at cap"), UPLOAD_OK,
	    "a field of exactly the cap");
	is_int(strlen(F(&g, 0, EMPLOYEE_REF)), UPLOAD_MAX_FIELD,
	    "kept whole");
	got_free(&g);
	buf_free(&b);

	make_field_file(&b, UPLOAD_MAX_FIELD + 1);
	is_int(read_lim(b.data, b.len, NULL, &g, "field over cap"),
	    UPLOAD_ERR_FIELD_TOO_LONG, "a field one byte over the cap");
	is_str(g.msg, "a field in row 1 is longer than 4096 bytes",
	    "over the cap message");
	got_free(&g);
	buf_free(&b);

	/* A megabyte field is refused soon after the cap is passed. */
	make_field_file(&b, MIB);
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_ERR_FIELD_TOO_LONG, "a 1 MB field refused");
	ok(g.fed <= 4 * BIG_CHUNK, "after %zu bytes, not the megabyte",
	    g.fed);
	got_free(&g);
	buf_free(&b);

	upload_limits_default(&lim);
	lim.max_field = 3;
	is_int(read_lim(small, sizeof(small) - 1, &lim, &g, "small cap"),
	    UPLOAD_ERR_FIELD_TOO_LONG,
	    "the cap applies to the header too");
	is_str(g.msg, "a field in the header is longer than 3 bytes",
	    "header field over the cap");
	got_free(&g);
}

/*
 * A long field that ends in a misplaced quote, with a small cap: the
 * outcome must not depend on where the chunks end.
 */
static void
test_cap_chunking(void)
{
	struct upload_limits	 lim;
	struct buf		 b;
	struct got		 g;

	upload_limits_default(&lim);
	lim.max_field = 16;
	buf_init(&b, 0);
	buf_puts(&b, "award_code,classification,emp_type,date,hours\n"
	    "a,b,c,d,");
	while (b.len < 1600)
		buf_putc(&b, 'y');
	buf_puts(&b, "\"\n");
	is_int(read_lim(b.data, b.len, &lim, &g, "cap and quote"),
	    UPLOAD_ERR_SYNTAX, "the quote is found before the slice ends");
	got_free(&g);
	buf_free(&b);
}

static void
test_columns_cap(void)
{
	struct buf	 b;
	struct got	 g;
	int		 i;

	buf_init(&b, 0);
	buf_puts(&b, "award_code,classification,emp_type,date,hours");
	for (i = 5; i < UPLOAD_MAX_COLUMNS; i++)
		buf_puts(&b, ",x");
	buf_puts(&b, "\na,b,c,d,8\n");
	is_int(read_lim(b.data, b.len, NULL, &g, "256 columns"), UPLOAD_OK,
	    "a header of the most columns");
	is_str(g.error[0], "row has 5 fields, the header has 256",
	    "counted");
	got_free(&g);
	buf_reset(&b);
	buf_puts(&b, "award_code,classification,emp_type,date,hours");
	for (i = 5; i <= UPLOAD_MAX_COLUMNS; i++)
		buf_puts(&b, ",x");
	buf_puts(&b, "\na,b,c,d,8\n");
	is_int(read_lim(b.data, b.len, NULL, &g, "257 columns"),
	    UPLOAD_ERR_TOO_MANY_COLUMNS, "one column too many");
	is_str(g.msg, "the header has more than 256 columns",
	    "too many columns message");
	got_free(&g);
	buf_free(&b);
}

/* A file of n rows, each padded to take about rowlen bytes. */
static void
make_rows(struct buf *b, size_t n, size_t pad)
{
	size_t	 i, k;

	buf_init(b, 0);
	buf_puts(b, "award_code,classification,emp_type,date,hours,notes\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "MA000004,RE2,ft,2026-03-21,8,");
		for (k = 0; k < pad; k++)
			buf_putc(b, 'p');
		buf_putc(b, '\n');
	}
}

static void
test_size_limits(void)
{
	struct upload_limits	 lim;
	struct buf		 b;
	struct got		 g;

	make_rows(&b, UPLOAD_MAX_ROWS, 0);
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_OK, "50,000 rows accepted");
	is_int(g.n, UPLOAD_MAX_ROWS, "all delivered");
	got_free(&g);
	buf_puts(&b, "MA000004,RE2,ft,2026-03-21,8,\n");
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_ERR_TOO_MANY_ROWS, "50,001 rows refused");
	is_str(g.msg, "the file has more than 50000 rows", "rows message");
	got_free(&g);
	buf_free(&b);

	upload_limits_default(&lim);
	lim.max_rows = 2;
	make_rows(&b, 3, 0);
	is_int(read_lim(b.data, b.len, &lim, &g, "3 rows of 2"),
	    UPLOAD_ERR_TOO_MANY_ROWS, "a small row limit");
	is_int(g.n, 2, "the rows within the limit were delivered");
	got_free(&g);
	buf_free(&b);

	/* 40,000 rows of about 300 bytes: 12 MB, within the row limit. */
	make_rows(&b, 40000, 270);
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_ERR_TOO_LARGE, "12 MB refused");
	is_str(g.msg, "the file is larger than 10 MB",
	    "size message");
	ok(g.fed <= (size_t)UPLOAD_MAX_BYTES + BIG_CHUNK,
	    "refused at the limit");
	got_free(&g);

	/* Exactly the limit is fine. */
	b.len = UPLOAD_MAX_BYTES;
	while (b.data[b.len - 1] != '\n')
		b.len--;
	memset(b.data + b.len, ' ', UPLOAD_MAX_BYTES - b.len);
	b.len = UPLOAD_MAX_BYTES;
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_OK, "exactly 10 MiB accepted");
	got_free(&g);
	buf_free(&b);

	lim.max_rows = UPLOAD_MAX_ROWS;
	lim.max_bytes = 60;
	make_rows(&b, 1, 0);
	is_int(read_lim(b.data, b.len, &lim, &g, "small byte limit"),
	    UPLOAD_ERR_TOO_LARGE, "a small byte limit");
	is_str(g.msg, "the file is larger than 60 bytes",
	    "small byte limit message");
	got_free(&g);
	buf_free(&b);
}

static void
test_abort(void)
{
	struct got	 g;
	const char	*in = "award_code,classification,emp_type,date,hours\n"
	    "a,b,c,d,1\na,b,c,d,2\na,b,c,d,3\n";

	got_init(&g);
	g.stop_at = 2;
	read_rows(in, strlen(in), WHOLE, NULL, &g);
	is_int(g.err, UPLOAD_ERR_ABORTED, "callback stops the reader");
	is_int(g.n, 2, "no row after the stop");
	is_str(g.msg, "reading stopped at row 2", "stop message");
	got_free(&g);
}

static void
test_misuse(void)
{
	static const char	 in[] = "award_code,classification,"
	    "emp_type,date,hours\na,b,c,d,8\n";
	struct upload_csv	*p;

	p = upload_csv_new(NULL, NULL, NULL);
	ok(p != NULL, "a reader without a callback");
	is_int(upload_csv_feed(p, NULL, 0), UPLOAD_OK, "nothing fed is fine");
	is_int(upload_csv_feed(p, in, sizeof(in) - 1), UPLOAD_OK, "fed");
	is_int(upload_csv_finish(p), UPLOAD_OK, "finished");
	is_int(upload_csv_rows(p), 1, "one row counted");
	is_int(upload_csv_finish(p), UPLOAD_OK, "finishing twice is harmless");
	is_str(upload_csv_message(p), "", "no message");
	upload_csv_free(p);
	upload_csv_free(NULL);
}

int
main(void)
{
	test_basic();
	test_forms();
	test_ragged();
	test_file_errors();
	test_syntax();
	test_encoding();
	test_field_cap();
	test_cap_chunking();
	test_columns_cap();
	test_size_limits();
	test_abort();
	test_misuse();
	return tap_done();
}
