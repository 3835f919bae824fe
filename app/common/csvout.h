/*
 * Writing CSV (RFC 4180) for people who open it in a spreadsheet: a
 * cell is quoted when it holds a comma, a quote or a line end, and a
 * text cell that a spreadsheet would run as a formula (one starting
 * with = + - @, a tab or a CR) gets a leading single quote.  Numbers
 * the program printed itself are written as they are, so that a
 * negative difference stays a number.  Records end with CRLF.  Pure:
 * the caller owns the buffer and writes it out.
 */
#ifndef AWARD_CSVOUT_H
#define AWARD_CSVOUT_H

struct buf;

enum csvout_kind {
	CSVOUT_TEXT,		/* anything that came from outside */
	CSVOUT_NUMBER		/* printed here: never neutralised */
};

/* Whether the cell ends its record (CRLF) or not (a comma). */
enum csvout_end {
	CSVOUT_NEXT,
	CSVOUT_LAST
};

/*
 * Appends one cell (NULL is an empty cell) and what follows it.
 * Return 0, or -1 when the buffer's limit or memory runs out.
 */
int	csvout_cell(struct buf *, const char *, enum csvout_kind,
	    enum csvout_end);

/* 1 when a text cell would be neutralised, else 0. */
int	csvout_is_formula(const char *);

#endif
