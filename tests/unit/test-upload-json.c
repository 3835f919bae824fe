/*
 * The JSON reader.  Every input is read twice, whole and a byte at a
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

#define READER		json
#include "upload-harness.h"

#define F(g, row, col)	((g)->field[(row)][UPLOAD_COL_##col])


/* The four required fields, to start an object with. */
#define REQ	"\"award_code\": \"MA000004\", \"classification\": \"RE2\", " \
		"\"emp_type\": \"ft\", \"date\": \"2026-03-21\""

static void
test_basic(void)
{
	struct got	 g;

	is_int(read_text("[{" REQ ", \"start_time\": \"09:00\", "
	    "\"end_time\": \"17:00\", \"break_minutes\": 30, "
	    "\"is_public_holiday\": false, \"actual_pay\": 254.60, "
	    "\"state\": null, \"notes\": \"ignored\"},\n"
	    " {\"award_code\": \"MA000009\", \"classification_code\": \"HI1\","
	    " \"employment_type\": \"casual\", \"work_date\": \"2026-03-22\","
	    " \"total_hours_worked\": 7.5, \"unpaid_break_minutes\": 0,"
	    " \"is_public_holiday\": true}]", &g, "basic"),
	    UPLOAD_OK, "basic array read");
	is_int(g.n, 2, "two rows");
	is_int(g.index[0], 1, "first element is index 1");
	is_int(g.index[1], 2, "second is index 2");
	ok(g.error[0] == NULL && g.error[1] == NULL, "no row errors");
	is_str(F(&g, 0, AWARD_CODE), "MA000004", "string value");
	is_str(F(&g, 0, BREAK_MINUTES), "30", "integer as text");
	is_str(F(&g, 0, ACTUAL_PAY), "254.60", "number keeps its text");
	is_str(F(&g, 0, IS_PUBLIC_HOLIDAY), "false", "false");
	ok(F(&g, 0, STATE) == NULL, "null is absent");
	ok(F(&g, 0, HOURS) == NULL, "missing key is absent");
	is_str(F(&g, 1, CLASSIFICATION), "HI1", "classification_code");
	is_str(F(&g, 1, EMP_TYPE), "casual", "employment_type");
	is_str(F(&g, 1, DATE), "2026-03-22", "work_date");
	is_str(F(&g, 1, HOURS), "7.5", "total_hours_worked");
	is_str(F(&g, 1, BREAK_MINUTES), "0", "unpaid_break_minutes");
	is_str(F(&g, 1, IS_PUBLIC_HOLIDAY), "true", "true");
	got_free(&g);

	is_int(read_text("\xef\xbb\xbf\r\n  [ \n\t{ " REQ ",\r\n \"Hours\" :8 }"
	    " \n,\n{" REQ ",\"hours\":\"8\"}\n]\n\n", &g, "spaced"),
	    UPLOAD_OK, "BOM, white space, key case");
	is_int(g.n, 2, "two rows");
	is_str(F(&g, 0, HOURS), "8", "Hours key");
	got_free(&g);

	is_int(read_text("[{" REQ ", \"hours\": 1.0e2, \"age\": -0, "
	    "\"actual_pay\": 0.1e-400}]", &g, "number forms"), UPLOAD_OK,
	    "number forms");
	is_str(F(&g, 0, HOURS), "1.0e2", "exponent kept as written");
	is_str(F(&g, 0, AGE), "0", "integers print as integers");
	is_str(F(&g, 0, ACTUAL_PAY), "0.1e-400", "tiny number as written");
	got_free(&g);

	is_int(read_text("[{" REQ ", \"hours\": \"8\", \"employee_ref\": "
	    "\"a \\\"}]\\\\ {[\\n\\u00e9\"}]", &g, "escapes"), UPLOAD_OK,
	    "brackets and escapes inside strings");
	is_str(F(&g, 0, EMPLOYEE_REF), "a \"}]\\ {[\n\xc3\xa9",
	    "unescaped");
	got_free(&g);
}

static void
test_row_errors(void)
{
	struct got	 g;

	is_int(read_text("[{" REQ ", \"hours\": 8, \"actual_pay\": 1e309},"
	    "{" REQ ", \"hours\": 8, \"actual_pay\": -1e309},"
	    "{" REQ ", \"hours\": NaN},"
	    "{" REQ ", \"hours\": 8, \"age\": 99999999999999999999999},"
	    "{" REQ ", \"hours\": {\"h\": 8}},"
	    "{" REQ ", \"hours\": [8]},"
	    "{" REQ ", \"hours\": 8, \"extra\": {\"a\": [1, {\"b\": 2}]}}"
	    "]", &g, "values"), UPLOAD_OK, "bad values are row errors");
	is_int(g.n, 7, "every row delivered");
	is_str(g.error[0], "actual_pay is not a finite number", "1e309");
	is_str(g.error[1], "actual_pay is not a finite number", "-1e309");
	is_str(g.error[2], "hours is not a finite number", "NaN");
	is_str(g.error[3], "age is out of range", "a huge integer");
	is_str(g.error[4], "hours must be a string, number or boolean",
	    "an object value");
	is_str(g.error[5], "hours must be a string, number or boolean",
	    "an array value");
	ok(g.error[6] == NULL, "nested values of unknown keys are ignored");
	is_str(F(&g, 0, AWARD_CODE), "MA000004",
	    "the good fields of a bad row are kept");
	got_free(&g);

	is_int(read_text("[1, \"x\", [1], null, true, {" REQ ", \"hours\": 8}]",
	    &g, "elements"), UPLOAD_OK, "non-objects are row errors");
	is_int(g.n, 6, "every element is a row");
	is_str(g.error[0], "row is not a JSON object", "a number");
	is_str(g.error[1], "row is not a JSON object", "a string");
	is_str(g.error[2], "row is not a JSON object", "an array");
	is_str(g.error[3], "row is not a JSON object", "null");
	is_str(g.error[4], "row is not a JSON object", "true");
	ok(g.error[5] == NULL, "an object after them is fine");
	is_int(g.index[5], 6, "and is row 6");
	got_free(&g);

	is_int(read_text("[{}, {\"award_code\": \"a\", \"hours\": 8},"
	    "{" REQ ", \"start_time\": \"09:00\"},"
	    "{" REQ ", \"hours\": 8, \"work_date\": \"2026-03-21\"},"
	    "{" REQ ", \"hours\": \"\\u0000\"}]", &g, "fields"),
	    UPLOAD_OK, "missing and repeated fields are row errors");
	is_str(g.error[0], "missing required fields: award_code, "
	    "classification, emp_type, date, start_time, end_time (or hours)",
	    "an empty object");
	is_str(g.error[1], "missing required fields: classification, "
	    "emp_type, date", "some missing");
	is_str(g.error[2], "missing required field: end_time (or hours)",
	    "no end time");
	is_str(g.error[3], "date and work_date both given", "a repeat");
	is_str(g.error[4], "hours contains a NUL character", "a NUL");
	got_free(&g);
}

static void
test_file_errors(void)
{
	static const char nul[] = "[{\"a\": \"\0\"}]";
	static const char utf16[] = "[\0{\0}\0]\0";
	struct got	 g;

	is_int(read_text("", &g, "empty"), UPLOAD_ERR_EMPTY, "empty body");
	is_str(g.msg, "the file is empty", "empty message");
	got_free(&g);
	is_int(read_text(" \r\n\t", &g, "blank"), UPLOAD_ERR_EMPTY,
	    "white space");
	got_free(&g);
	is_int(read_text("[]", &g, "[]"), UPLOAD_ERR_NO_ROWS, "an empty array");
	is_str(g.msg, "the array has no shift objects", "no rows message");
	got_free(&g);
	is_int(read_text(" [ \n ] ", &g, "[ ]"), UPLOAD_ERR_NO_ROWS,
	    "an empty array with spaces");
	got_free(&g);

	is_int(read_text("{" REQ "}", &g, "object"), UPLOAD_ERR_NOT_ARRAY,
	    "a top-level object");
	is_str(g.msg, "expected a JSON array of shift objects",
	    "not an array message");
	got_free(&g);
	is_int(read_text("award_code,date\n", &g, "CSV"), UPLOAD_ERR_NOT_ARRAY,
	    "CSV sent as JSON");
	got_free(&g);
	is_int(read_text("\"x\"", &g, "string"), UPLOAD_ERR_NOT_ARRAY,
	    "a top-level string");
	got_free(&g);

	is_int(read_text("[", &g, "["), UPLOAD_ERR_SYNTAX, "unclosed array");
	is_str(g.msg, "invalid JSON: the file ends inside the array",
	    "unclosed message");
	got_free(&g);
	is_int(read_text("[{" REQ ", \"hours\": 8}", &g, "no ]"),
	    UPLOAD_ERR_SYNTAX, "array not closed");
	is_int(g.n, 1, "the complete element was delivered");
	got_free(&g);
	is_int(read_text("[{\"a\": 1", &g, "cut"), UPLOAD_ERR_SYNTAX,
	    "cut inside an element");
	got_free(&g);
	is_int(read_text("[12", &g, "cut number"), UPLOAD_ERR_SYNTAX,
	    "cut inside a number");
	got_free(&g);
	is_int(read_text("[{},]", &g, "trailing comma"), UPLOAD_ERR_SYNTAX,
	    "trailing comma");
	is_str(g.msg, "invalid JSON: a comma before ']'",
	    "trailing comma message");
	got_free(&g);
	is_int(read_text("[,{}]", &g, "leading comma"), UPLOAD_ERR_SYNTAX,
	    "leading comma");
	got_free(&g);
	is_int(read_text("[{} {}]", &g, "no comma"), UPLOAD_ERR_SYNTAX,
	    "missing comma");
	is_str(g.msg, "invalid JSON: expected ',' or ']' after row 1",
	    "missing comma message");
	got_free(&g);
	is_int(read_text("[{}] x", &g, "after"), UPLOAD_ERR_SYNTAX,
	    "text after the array");
	is_str(g.msg, "invalid JSON: text after the array",
	    "text after message");
	got_free(&g);
	is_int(read_text("[{a: 1}]", &g, "bare key"), UPLOAD_ERR_SYNTAX,
	    "a bare key");
	ok(strncmp(g.msg, "invalid JSON in row 1: ", 23) == 0,
	    "invalid element message: %s", g.msg);
	got_free(&g);
	is_int(read_text("[{\"a\": 'x'}]", &g, "single quotes"),
	    UPLOAD_ERR_SYNTAX, "single quotes");
	got_free(&g);
	is_int(read_text("[{\"a\": 1}}]", &g, "extra brace"), UPLOAD_ERR_SYNTAX,
	    "an extra brace");
	got_free(&g);
	is_int(read_text("[tru]", &g, "bad literal"), UPLOAD_ERR_SYNTAX,
	    "a bad literal");
	got_free(&g);

	is_int(read_lim(nul, sizeof(nul) - 1, NULL, &g, "NUL"),
	    UPLOAD_ERR_ENCODING, "a NUL byte");
	got_free(&g);
	is_int(read_lim(utf16, sizeof(utf16) - 1, NULL, &g, "UTF-16"),
	    UPLOAD_ERR_ENCODING, "UTF-16");
	is_str(g.msg, "UTF-16 is not supported; save the file as UTF-8",
	    "UTF-16 message");
	got_free(&g);
	is_int(read_text("[{\"award_code\": \"caf\xe9\"}]", &g, "latin-1"),
	    UPLOAD_ERR_ENCODING, "invalid UTF-8");
	is_str(g.msg, "invalid UTF-8 in row 1; save the file as UTF-8",
	    "invalid UTF-8 message");
	got_free(&g);
	is_int(read_text("[{" REQ ", \"hours\": \"8\"},{" REQ ", \"hours\": "
	    "\"\xed\xbb\xbf\"}]", &g, "surrogate"), UPLOAD_ERR_ENCODING,
	    "a UTF-16 surrogate written as UTF-8");
	is_str(g.msg, "invalid UTF-8 in row 2; save the file as UTF-8",
	    "names the row");
	is_int(g.n, 1, "the row before it was delivered");
	got_free(&g);
}

static void
test_depth(void)
{
	struct buf	 b;
	struct got	 g;
	int		 i;

	buf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 10000; i++)
		buf_putc(&b, ']');
	is_int(read_lim(b.data, b.len, NULL, &g, "10,000 deep"),
	    UPLOAD_ERR_SYNTAX, "10,000-deep nesting refused");
	is_str(g.msg, "row 1 is nested too deeply", "depth message");
	got_free(&g);
	buf_free(&b);

	is_int(read_text("[{" REQ ", \"hours\": 8, \"x\": [[[[[[[1]]]]]]]}]",
	    &g, "deep enough"), UPLOAD_OK, "nesting within the limit");
	got_free(&g);
	is_int(read_text("[{" REQ ", \"hours\": 8, \"x\": [[[[[[[[1]]]]]]]]}]",
	    &g, "too deep"), UPLOAD_ERR_SYNTAX, "one level too deep");
	got_free(&g);
}

/* An array of n shift objects. */
static void
make_array(struct buf *b, size_t n, size_t pad)
{
	size_t	 i, k;

	buf_init(b, 0);
	buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s{" REQ ", \"hours\": 8, \"notes\": \"",
		    i == 0 ? "" : ",\n");
		for (k = 0; k < pad; k++)
			buf_putc(b, 'p');
		buf_puts(b, "\"}");
	}
	buf_puts(b, "]\n");
}

static void
test_limits(void)
{
	struct upload_limits	 lim;
	struct buf		 b;
	struct got		 g;
	char			 val[UPLOAD_MAX_FIELD + 2];

	make_array(&b, UPLOAD_MAX_ROWS, 0);
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_OK, "50,000 objects accepted");
	is_int(g.n, UPLOAD_MAX_ROWS, "all delivered");
	got_free(&g);
	buf_free(&b);
	make_array(&b, UPLOAD_MAX_ROWS + 1, 0);
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_ERR_TOO_MANY_ROWS, "50,001 refused");
	is_str(g.msg, "the file has more than 50000 rows", "rows message");
	got_free(&g);
	buf_free(&b);

	make_array(&b, 40000, 200);
	got_init(&g);
	read_rows(b.data, b.len, BIG_CHUNK, NULL, &g);
	is_int(g.err, UPLOAD_ERR_TOO_LARGE, "over 10 MB refused");
	is_str(g.msg, "the file is larger than 10 MB",
	    "size message");
	got_free(&g);
	buf_free(&b);

	upload_limits_default(&lim);
	lim.max_rows = 2;
	make_array(&b, 3, 0);
	is_int(read_lim(b.data, b.len, &lim, &g, "3 of 2"),
	    UPLOAD_ERR_TOO_MANY_ROWS, "a small row limit");
	is_int(g.n, 2, "rows within it delivered");
	got_free(&g);
	lim.max_rows = UPLOAD_MAX_ROWS;
	lim.max_bytes = b.len - 1;
	/* Fed a byte at a time, rows come before the limit is met. */
	got_init(&g);
	read_rows(b.data, b.len, WHOLE, &lim, &g);
	is_int(g.err, UPLOAD_ERR_TOO_LARGE, "a small byte limit");
	got_free(&g);
	got_init(&g);
	read_rows(b.data, b.len, 1, &lim, &g);
	is_int(g.err, UPLOAD_ERR_TOO_LARGE, "a small byte limit, bytewise");
	got_free(&g);
	buf_free(&b);

	make_array(&b, 1, UPLOAD_MAX_OBJECT);
	is_int(read_lim(b.data, b.len, NULL, &g, "big object"),
	    UPLOAD_ERR_FIELD_TOO_LONG, "an element over 64 KiB");
	is_str(g.msg, "row 1 is longer than 65536 bytes", "element message");
	got_free(&g);
	buf_free(&b);

	memset(val, 'v', sizeof(val) - 1);
	val[sizeof(val) - 1] = '\0';
	buf_init(&b, 0);
	buf_printf(&b, "[{" REQ ", \"hours\": 8, \"employee_ref\": \"%s\"}]",
	    val + 1);
	is_int(read_lim(b.data, b.len, NULL, &g, "value at cap"), UPLOAD_OK,
	    "a value of exactly the cap");
	got_free(&g);
	buf_reset(&b);
	buf_printf(&b, "[{" REQ ", \"hours\": 8, \"employee_ref\": \"%s\"}]",
	    val);
	is_int(read_lim(b.data, b.len, NULL, &g, "value over cap"),
	    UPLOAD_ERR_FIELD_TOO_LONG, "a value over the cap");
	is_str(g.msg, "employee_ref in row 1 is longer than 4096 bytes",
	    "value message");
	got_free(&g);
	buf_free(&b);
}

static void
test_abort(void)
{
	struct got	 g;
	const char	*in = "[{}, {}, {}]";

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
	static const char	 in[] = "[{" REQ ", \"hours\": 8}]";
	struct upload_json	*p;

	p = upload_json_new(NULL, NULL, NULL);
	ok(p != NULL, "a reader without a callback");
	is_int(upload_json_feed(p, NULL, 0), UPLOAD_OK, "nothing fed is fine");
	is_int(upload_json_feed(p, in, sizeof(in) - 1), UPLOAD_OK, "fed");
	is_int(upload_json_finish(p), UPLOAD_OK, "finished");
	is_int(upload_json_rows(p), 1, "one row counted");
	is_int(upload_json_finish(p), UPLOAD_OK, "finishing twice is harmless");
	is_str(upload_json_message(p), "", "no message");
	upload_json_free(p);
	upload_json_free(NULL);
}

int
main(void)
{
	test_basic();
	test_row_errors();
	test_file_errors();
	test_depth();
	test_limits();
	test_abort();
	test_misuse();
	return tap_done();
}
