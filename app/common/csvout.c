#include "config.h"

#include <string.h>

#include "common/buf.h"
#include "common/csvout.h"

/* What starts a formula in a spreadsheet; what makes a cell quoted. */
#define CSVOUT_FORMULA_START	"=+-@\t\r"
#define CSVOUT_QUOTE_CHARS	",\"\r\n"
#define CSVOUT_NEUTRAL		'\''
#define CSVOUT_QUOTE		'"'
#define CSVOUT_SEP		","
#define CSVOUT_EOL		"\r\n"

int
csvout_is_formula(const char *s)
{
	return s != NULL && s[0] != '\0' &&
	    strchr(CSVOUT_FORMULA_START, s[0]) != NULL;
}

/* The cell's text between quotes, each quote doubled. */
static int
csvout_quoted(struct buf *b, const char *s, int neutral)
{
	const char	*p, *q;

	if (buf_putc(b, CSVOUT_QUOTE) == -1)
		return -1;
	if (neutral && buf_putc(b, CSVOUT_NEUTRAL) == -1)
		return -1;
	for (p = s; (q = strchr(p, CSVOUT_QUOTE)) != NULL; p = q + 1)
		if (buf_append(b, p, (size_t)(q - p) + 1) == -1 ||
		    buf_putc(b, CSVOUT_QUOTE) == -1)
			return -1;
	if (buf_puts(b, p) == -1)
		return -1;
	return buf_putc(b, CSVOUT_QUOTE);
}

int
csvout_cell(struct buf *b, const char *s, enum csvout_kind kind,
    enum csvout_end end)
{
	int	 neutral;

	if (s == NULL)
		s = "";
	neutral = kind == CSVOUT_TEXT && csvout_is_formula(s);
	if (s[strcspn(s, CSVOUT_QUOTE_CHARS)] != '\0') {
		if (csvout_quoted(b, s, neutral) == -1)
			return -1;
	} else {
		if (neutral && buf_putc(b, CSVOUT_NEUTRAL) == -1)
			return -1;
		if (buf_puts(b, s) == -1)
			return -1;
	}
	return buf_puts(b, end == CSVOUT_LAST ? CSVOUT_EOL : CSVOUT_SEP);
}
