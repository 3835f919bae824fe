/*
 * CSV cells: RFC 4180 quoting, formula cells neutralised in text
 * columns only, and the limit of the buffer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/csvout.h"
#include "tap.h"

#define SMALL_MAX	8

/* One text or number cell, ending its record. */
static void
cell_is(const char *in, enum csvout_kind kind, const char *want,
    const char *what)
{
	struct buf	 b;

	buf_init(&b, 0);
	if (!ok(csvout_cell(&b, in, kind, CSVOUT_LAST) == 0, "%s: written",
	    what))
		return;
	is_str(b.data, want, "%s", what);
	buf_free(&b);
}

int
main(void)
{
	struct buf	 b;

	cell_is("plain", CSVOUT_TEXT, "plain\r\n", "plain text as it is");
	cell_is(NULL, CSVOUT_TEXT, "\r\n", "NULL is an empty cell");
	cell_is("", CSVOUT_NUMBER, "\r\n", "an empty cell");
	cell_is("Smith, Jo", CSVOUT_TEXT, "\"Smith, Jo\"\r\n",
	    "a comma is quoted");
	cell_is("say \"hi\"", CSVOUT_TEXT, "\"say \"\"hi\"\"\"\r\n",
	    "quotes are doubled inside quotes");
	cell_is("line\nbreak", CSVOUT_TEXT, "\"line\nbreak\"\r\n",
	    "a line end stays inside its quoted cell");
	cell_is("a\rb", CSVOUT_TEXT, "\"a\rb\"\r\n", "so does a CR");
	cell_is("=1+2", CSVOUT_TEXT, "'=1+2\r\n", "= is neutralised");
	cell_is("+61400000000", CSVOUT_TEXT, "'+61400000000\r\n",
	    "+ is neutralised");
	cell_is("-E2", CSVOUT_TEXT, "'-E2\r\n", "- is neutralised in text");
	cell_is("@SUM(A1:A9)", CSVOUT_TEXT, "'@SUM(A1:A9)\r\n",
	    "@ is neutralised");
	cell_is("\tx", CSVOUT_TEXT, "'\tx\r\n", "a tab is neutralised");
	cell_is("\rx", CSVOUT_TEXT, "\"'\rx\"\r\n",
	    "a CR is neutralised, inside the quotes");
	cell_is("=HYPERLINK(\"http://x.example/\",\"click\")", CSVOUT_TEXT,
	    "\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"click\"\")\"\r\n",
	    "a formula with quotes: the quote mark inside the quotes");
	cell_is("-54.63", CSVOUT_NUMBER, "-54.63\r\n",
	    "a negative number stays a number");
	cell_is("a=b", CSVOUT_TEXT, "a=b\r\n", "only the first character "
	    "counts");
	ok(csvout_is_formula("=x") && !csvout_is_formula("x=") &&
	    !csvout_is_formula("") && !csvout_is_formula(NULL),
	    "csvout_is_formula");

	buf_init(&b, 0);
	ok(csvout_cell(&b, "1", CSVOUT_NUMBER, CSVOUT_NEXT) == 0 &&
	    csvout_cell(&b, "x,y", CSVOUT_TEXT, CSVOUT_NEXT) == 0 &&
	    csvout_cell(&b, NULL, CSVOUT_TEXT, CSVOUT_LAST) == 0,
	    "a record of three cells");
	is_str(b.data, "1,\"x,y\",\r\n", "cells joined by commas, CRLF last");
	buf_free(&b);

	buf_init(&b, SMALL_MAX);
	ok(csvout_cell(&b, "0123456789", CSVOUT_TEXT, CSVOUT_LAST) == -1,
	    "past the buffer's limit: -1");
	buf_free(&b);
	return tap_done();
}
