/*
 * The multipart/form-data reader.  Every body is read whole and a
 * byte at a time, and both readings must give the same file data,
 * details and errors.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "batch/multipart.h"
#include "common/buf.h"
#include "tap.h"

#define WHOLE		0
#define BIG_CHUNK	4096
#define MIB		(1024 * 1024)
#define B		"XyZ123"	/* the boundary of most bodies */
#define DISP		"Content-Disposition: form-data; "

struct got {
	struct buf		 data;
	int			 begins;	/* zero-length calls */
	size_t			 biggest;	/* the largest piece */
	size_t			 stop_after;	/* say stop past these */
	char			 filename[MULTIPART_FILENAME_LEN];
	char			 ctype[MULTIPART_TYPE_LEN];
	enum multipart_err	 err;
	char			 msg[MULTIPART_MSG_LEN];
	size_t			 fed;
	size_t			 data_at_half;	/* data seen mid-body */
};

static int
collect(const struct multipart_file *f, const void *data, size_t len,
    void *arg)
{
	struct got	*g = arg;

	if (len == 0) {
		g->begins++;
		snprintf(g->filename, sizeof(g->filename), "%s", f->filename);
		snprintf(g->ctype, sizeof(g->ctype), "%s", f->content_type);
	}
	buf_append(&g->data, data, len);
	if (len > g->biggest)
		g->biggest = len;
	return g->stop_after != 0 && g->data.len > g->stop_after ? -1 : 0;
}

static void
read_body(const char *boundary, const char *in, size_t len, size_t chunk,
    struct got *g)
{
	struct multipart	*p;
	size_t			 off = 0, n;

	buf_init(&g->data, 0);
	buf_putc(&g->data, '\0');	/* data is never NULL */
	buf_reset(&g->data);
	p = multipart_new(boundary, collect, g);
	if (chunk == WHOLE)
		chunk = len > 0 ? len : 1;
	g->err = MULTIPART_OK;
	while (off < len && g->err == MULTIPART_OK) {
		n = len - off < chunk ? len - off : chunk;
		g->err = multipart_feed(p, in + off, n);
		off += n;
		if (off >= len / 2 && g->data_at_half == 0)
			g->data_at_half = g->data.len;
	}
	g->fed = off;
	if (g->err == MULTIPART_OK)
		g->err = multipart_finish(p);
	snprintf(g->msg, sizeof(g->msg), "%s", multipart_message(p));
	multipart_free(p);
}

/* Reads whole into g, and byte by byte to compare. */
static enum multipart_err
body(const char *in, size_t len, struct got *g, const char *what)
{
	struct got	 b1;

	memset(g, 0, sizeof(*g));
	read_body(B, in, len, WHOLE, g);
	memset(&b1, 0, sizeof(b1));
	read_body(B, in, len, 1, &b1);
	ok(g->err == b1.err && strcmp(g->msg, b1.msg) == 0 &&
	    g->begins == b1.begins && g->data.len == b1.data.len &&
	    memcmp(g->data.data, b1.data.data, g->data.len) == 0 &&
	    strcmp(g->filename, b1.filename) == 0 &&
	    strcmp(g->ctype, b1.ctype) == 0,
	    "%s: same fed byte by byte", what);
	/* Only bytes that might begin the delimiter are held back. */
	ok(b1.biggest <= sizeof("\r\n--" B), "%s: byte by byte, data "
	    "comes at most a delimiter at a time", what);
	buf_free(&b1.data);
	return g->err;
}

static enum multipart_err
body_str(const char *in, struct got *g, const char *what)
{
	return body(in, strlen(in), g, what);
}

static void
test_boundary(void)
{
	char	 out[MULTIPART_BOUNDARY_LEN];
	char	 ct[MULTIPART_BOUNDARY_LEN + 64];
	int	 i;

	ok(multipart_boundary("multipart/form-data; boundary=abc", out,
	    sizeof(out)) == 0, "plain boundary");
	is_str(out, "abc", "plain boundary read");
	ok(multipart_boundary("multipart/form-data; boundary="
	    "----WebKitFormBoundary7MA4YWxkTrZu0gW", out, sizeof(out)) == 0,
	    "browser boundary");
	is_str(out, "----WebKitFormBoundary7MA4YWxkTrZu0gW", "read");
	ok(multipart_boundary("Multipart/Form-Data;BOUNDARY=\"a b:c?\"",
	    out, sizeof(out)) == 0, "quoted, case-insensitive, no space");
	is_str(out, "a b:c?", "quoted boundary read");
	ok(multipart_boundary("multipart/form-data; charset=utf-8; "
	    "boundary = xyz ; foo=\"bar;baz\"", out, sizeof(out)) == 0,
	    "other parameters around it");
	is_str(out, "xyz", "found among others");
	ok(multipart_boundary("multipart/form-data; foo=\"a\\\"b\"; "
	    "boundary=q;", out, sizeof(out)) == 0,
	    "escaped quote in another parameter, trailing ';'");
	is_str(out, "q", "found after it");

	ok(multipart_boundary("multipart/form-data", out, sizeof(out)) == -1,
	    "no boundary refused");
	ok(multipart_boundary("multipart/form-data; charset=utf-8", out,
	    sizeof(out)) == -1, "no boundary among others refused");
	ok(multipart_boundary("multipart/form-data; boundary=\"\"", out,
	    sizeof(out)) == -1, "empty boundary refused");
	ok(multipart_boundary("multipart/form-data; boundary=", out,
	    sizeof(out)) == -1, "missing value refused");
	ok(multipart_boundary("multipart/form-data; boundary=\"abc", out,
	    sizeof(out)) == -1, "unterminated quote refused");
	ok(multipart_boundary("multipart/form-data; boundary=\"ab \"", out,
	    sizeof(out)) == -1, "boundary ending in a space refused");
	ok(multipart_boundary("multipart/form-data; boundary=\"a\\\"b\"", out,
	    sizeof(out)) == -1, "quote in a boundary refused");
	ok(multipart_boundary("multipart/form-data; boundary=a; boundary=b",
	    out, sizeof(out)) == -1, "two boundaries refused");
	ok(multipart_boundary("text/csv; boundary=abc", out,
	    sizeof(out)) == -1, "not multipart/form-data refused");
	ok(multipart_boundary("multipart/form-datax; boundary=abc", out,
	    sizeof(out)) == -1, "a longer type refused");
	ok(multipart_boundary("multipart/form-data boundary=abc", out,
	    sizeof(out)) == -1, "missing ';' refused");
	ok(multipart_boundary(NULL, out, sizeof(out)) == -1, "NULL refused");
	ok(multipart_boundary("multipart/form-data; boundary=abc", out,
	    3) == -1, "small output refused");

	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=");
	for (i = 0; i < MULTIPART_BOUNDARY_MAX; i++)
		strcat(ct, "b");
	ok(multipart_boundary(ct, out, sizeof(out)) == 0,
	    "70-character boundary");
	is_int(strlen(out), MULTIPART_BOUNDARY_MAX, "read whole");
	strcat(ct, "b");
	ok(multipart_boundary(ct, out, sizeof(out)) == -1,
	    "71-character boundary refused");

	ok(multipart_new("", NULL, NULL) == NULL, "empty boundary: no reader");
	ok(multipart_new(NULL, NULL, NULL) == NULL, "no boundary: no reader");
	ok(multipart_new("a\r\nb", NULL, NULL) == NULL,
	    "CRLF in a boundary: no reader");
}

static void
test_parts(void)
{
	struct got	 g;

	is_int(body_str("--" B "\r\n"
	    DISP "name=\"file\"; filename=\"shifts.csv\"\r\n"
	    "Content-Type: text/csv\r\n"
	    "\r\n"
	    "a,b\r\nc,d\r\n"
	    "\r\n--" B "--\r\n", &g, "simple"), MULTIPART_OK, "one file part");
	is_int(g.begins, 1, "the file part begins once");
	is_str(g.data.data, "a,b\r\nc,d\r\n",
	    "data kept, CRLF inside kept, the CRLF before the delimiter not");
	is_str(g.filename, "shifts.csv", "filename");
	is_str(g.ctype, "text/csv", "content type");
	buf_free(&g.data);

	is_int(body_str("This is a preamble.\r\n--" B "\r\n"
	    DISP "name=\"note\"\r\n\r\nhello\r\n--" B "\r\n"
	    "content-type:application/json \r\n"
	    "CONTENT-DISPOSITION: Form-Data; filename=shifts.json; "
	    "name=file\r\n"
	    "X-Other: 1\r\n"
	    "\r\n"
	    "[{}]"
	    "\r\n--" B "\r\n"
	    DISP "name=\"other\"; filename=\"x.csv\"\r\n\r\nnot this"
	    "\r\n--" B "--\r\nepilogue --" B "\r\n", &g, "second"),
	    MULTIPART_OK, "file part among others");
	is_str(g.data.data, "[{}]", "only the file part's data");
	is_str(g.filename, "shifts.json", "unquoted filename");
	is_str(g.ctype, "application/json",
	    "header names case-insensitive, value trimmed");
	buf_free(&g.data);

	is_int(body_str("--" B "\r\n" DISP "name=\"file\"\r\n\r\n"
	    "\r\n--" B "--", &g, "empty"), MULTIPART_OK, "empty file part");
	is_int(g.begins, 1, "still begins");
	is_int(g.data.len, 0, "no data");
	is_str(g.filename, "", "no filename");
	is_str(g.ctype, "", "no content type");
	buf_free(&g.data);

	is_int(body_str("--" B " \t\r\n" DISP "name=\"file\"\r\n\r\n"
	    "x\r\n--" B "--", &g, "padding"), MULTIPART_OK,
	    "white space after a boundary");
	is_str(g.data.data, "x", "data after padding");
	buf_free(&g.data);

	is_int(body_str("--" B "\r\n" DISP "name=\"file\"; filename="
	    "\"C:\\Users\\me\\Shifts \\\"March\\\".csv\"\r\n\r\n"
	    "x\r\n--" B "--", &g, "windows path"), MULTIPART_OK,
	    "a Windows path");
	is_str(g.filename, "Shifts \"March\".csv",
	    "directories dropped, escaped quotes kept");
	buf_free(&g.data);

	is_int(body_str("--" B "\r\n" DISP "name=\"file\"; filename="
	    "\"a\x01\xff" "b.csv\"\r\n\r\nx\r\n--" B "--", &g, "odd name"),
	    MULTIPART_OK, "odd bytes in a filename");
	is_str(g.filename, "a_?b.csv", "made printable UTF-8");
	buf_free(&g.data);
}

static void
test_near_delimiters(void)
{
	static const char data[] = "--" B "\r\n\r\n--XyZ12\r\r\n--X\n--"
	    B "\r\n-" B "\r\r\n\r\n--\r";
	struct buf	 in;
	struct got	 g;

	/* Only CRLF "--" boundary is a delimiter; the rest is data. */
	buf_init(&in, 0);
	buf_puts(&in, "--" B "\r\n" DISP "name=file\r\n\r\n");
	buf_puts(&in, data);
	buf_puts(&in, "\r\n--" B "--");
	is_int(body(in.data, in.len, &g, "near delimiters"), MULTIPART_OK,
	    "partial delimiters in the data");
	is_str(g.data.data, data, "they are kept as data");
	buf_free(&g.data);
	buf_free(&in);

	is_int(body_str("--" B "\r\n" DISP "name=file\r\n\r\n"
	    "a--" B "b\r\n--" B "--", &g, "mid-line"), MULTIPART_OK,
	    "a boundary in mid-line");
	is_str(g.data.data, "a--" B "b", "is data");
	buf_free(&g.data);

	is_int(body_str("--" B "\r\n" DISP "name=file\r\n\r\n"
	    "a\r\n--" B "x\r\n--" B "--", &g, "longer"),
	    MULTIPART_ERR_MALFORMED, "a delimiter with text after it");
	is_str(g.msg, "unexpected text after a boundary", "its message");
	buf_free(&g.data);
}

static void
test_errors(void)
{
	struct buf	 in;
	struct got	 g;
	int		 i;

	is_int(body_str("--" B "\r\n" DISP "name=\"note\"\r\n\r\nhi\r\n"
	    "--" B "--\r\n", &g, "no file"), MULTIPART_ERR_NO_FILE,
	    "no file part");
	is_str(g.msg, "the form has no part named \"file\"", "no file message");
	buf_free(&g.data);
	is_int(body_str("--" B "--", &g, "no parts"), MULTIPART_ERR_NO_FILE,
	    "no parts at all");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\n" DISP "name=\"files\"\r\n\r\nhi\r\n"
	    "--" B "--\r\n", &g, "files"), MULTIPART_ERR_NO_FILE,
	    "a part named files is not file");
	buf_free(&g.data);

	is_int(body_str("--" B "\r\n" DISP "name=file\r\n\r\na\r\n"
	    "--" B "\r\n" DISP "name=\"file\"\r\n\r\nb\r\n--" B "--", &g,
	    "two files"), MULTIPART_ERR_TWO_FILES, "two file parts");
	is_str(g.msg, "the form has more than one part named \"file\"",
	    "two files message");
	buf_free(&g.data);

	is_int(body_str("--" B "\r\n" DISP "name=file\r\n\r\nabc", &g,
	    "unclosed"), MULTIPART_ERR_UNTERMINATED, "body ends in data");
	is_str(g.msg, "the body ends before the closing boundary",
	    "unterminated message");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\n" DISP "name=file\r\n\r\nabc\r\n--" B
	    "\r\n", &g, "no close"), MULTIPART_ERR_UNTERMINATED,
	    "a delimiter but no closing one");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\n" DISP "name=file\r\n", &g,
	    "in headers"), MULTIPART_ERR_UNTERMINATED, "body ends in headers");
	buf_free(&g.data);
	is_int(body_str("", &g, "empty"), MULTIPART_ERR_UNTERMINATED,
	    "empty body");
	buf_free(&g.data);
	is_int(body_str("--" B "\n" DISP "name=file\n\nabc\n--" B "--\n", &g,
	    "LF only"), MULTIPART_ERR_MALFORMED, "LF line ends refused");
	buf_free(&g.data);

	buf_init(&in, 0);
	buf_puts(&in, "--" B "\r\n" DISP "name=file\r\n");
	for (i = 0; i < MULTIPART_MAX_HEADERS / 10; i++)
		buf_puts(&in, "X-Pad: 12\r\n");
	buf_puts(&in, "\r\nabc\r\n--" B "--");
	is_int(body(in.data, in.len, &g, "big headers"),
	    MULTIPART_ERR_HEADERS_TOO_LARGE, "headers over the cap");
	is_str(g.msg, "a part's headers are longer than 8192 bytes",
	    "headers message");
	buf_free(&g.data);
	buf_free(&in);

	is_int(body_str("--" B "\r\nno colon here\r\n\r\nx\r\n--" B "--",
	    &g, "no colon"), MULTIPART_ERR_MALFORMED, "a header without ':'");
	is_str(g.msg, "a part header is malformed", "malformed message");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\n" DISP "name=file\r\n folded\r\n\r\n"
	    "x\r\n--" B "--", &g, "folded"), MULTIPART_ERR_MALFORMED,
	    "a folded header");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\nContent-Type: text/csv\r\n\r\n"
	    "x\r\n--" B "--", &g, "no disposition"), MULTIPART_ERR_MALFORMED,
	    "a part without Content-Disposition");
	is_str(g.msg, "a part has no Content-Disposition header",
	    "no disposition message");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\nContent-Disposition: attachment; "
	    "name=file\r\n\r\nx\r\n--" B "--", &g, "attachment"),
	    MULTIPART_ERR_MALFORMED, "not form-data");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\n" DISP "name=\"file\r\n\r\nx\r\n--" B
	    "--", &g, "bad quote"), MULTIPART_ERR_MALFORMED,
	    "an unterminated quote in Content-Disposition");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\n" DISP "name=file\r\n" DISP
	    "name=x\r\n\r\nx\r\n--" B "--", &g, "two dispositions"),
	    MULTIPART_ERR_MALFORMED, "two Content-Disposition headers");
	buf_free(&g.data);
	is_int(body_str("--" B "\r\n" DISP "name=file\rX\r\n\r\nx\r\n--" B
	    "--", &g, "bare CR"), MULTIPART_ERR_MALFORMED,
	    "a bare CR in a header");
	buf_free(&g.data);
}

static void
test_streaming(void)
{
	struct buf	 in;
	struct got	 g;
	size_t		 i;

	buf_init(&in, 0);
	buf_puts(&in, "--" B "\r\n" DISP "name=file\r\n\r\n");
	for (i = 0; i < MIB; i++)
		buf_putc(&in, (char)('a' + i % 26));
	buf_puts(&in, "\r\n--" B "--\r\n");

	memset(&g, 0, sizeof(g));
	read_body(B, in.data, in.len, BIG_CHUNK, &g);
	is_int(g.err, MULTIPART_OK, "a 1 MB file part");
	is_int(g.data.len, MIB, "all of it");
	ok(g.biggest <= BIG_CHUNK, "handed over a chunk at a time");
	ok(g.data_at_half >= MIB / 2 - BIG_CHUNK,
	    "data arrives while the body is still coming");
	buf_free(&g.data);

	memset(&g, 0, sizeof(g));
	g.stop_after = 1000;
	read_body(B, in.data, in.len, BIG_CHUNK, &g);
	is_int(g.err, MULTIPART_ERR_ABORTED, "the callback stops it");
	is_str(g.msg, "reading stopped by the caller", "stop message");
	buf_free(&g.data);
	buf_free(&in);
}

static void
test_misuse(void)
{
	static const char	 in[] = "--" B "\r\n" DISP "name=file\r\n\r\n"
	    "x\r\n--" B "--";
	struct multipart	*p;

	p = multipart_new(B, NULL, NULL);
	ok(p != NULL, "a reader without a callback");
	ok(multipart_file(p) == NULL, "no file before its part");
	is_int(multipart_feed(p, NULL, 0), MULTIPART_OK, "nothing fed");
	is_int(multipart_feed(p, in, sizeof(in) - 1), MULTIPART_OK, "fed");
	is_int(multipart_finish(p), MULTIPART_OK, "finished");
	ok(multipart_file(p) != NULL, "the file part was seen");
	is_int(multipart_finish(p), MULTIPART_OK, "finishing twice");
	is_str(multipart_message(p), "", "no message");
	multipart_free(p);
	multipart_free(NULL);
}

int
main(void)
{
	test_boundary();
	test_parts();
	test_near_delimiters();
	test_errors();
	test_streaming();
	test_misuse();
	return tap_done();
}
