/*
 * The Fair Work Commission's Modern Awards Pay Database (MAPD) CSV
 * exports of one award (pay rates, penalties, wage and expense
 * allowances), and the update of that award's rule file from them: a
 * new rate year every July from the official source.
 *
 * The update replaces or adds the adult weekly `rate` lines (a MAPD
 * classification is the rule class with the same label) and the dated
 * `amount` lines of the expense allowances the rule file already has
 * (a MAPD allowance is the rule allowance with the same clause).  The
 * hand-written penalty, overtime, junior and wage allowance lines are
 * left as they are, but checked against the export: a percent that it
 * contradicts is reported as a mismatch.  Every other line is copied
 * byte for byte, so importing the data a file was written from gives
 * the same file back.
 *
 * Pure: the caller reads the files and hands in their text; no I/O,
 * no logging.
 */
#ifndef AWARD_MAPD_H
#define AWARD_MAPD_H

#include <stddef.h>

struct buf;

#define MAPD_MSG_LEN		256
#define MAPD_MAX_ROWS		100000	/* rows of one kind, all files */
#define MAPD_MAX_BYTES		(16 * 1024 * 1024) /* one export file */

enum mapd_kind {
	MAPD_PAYRATES,
	MAPD_PENALTIES,
	MAPD_WAGE_ALLOWANCES,
	MAPD_EXPENSE_ALLOWANCES,
	MAPD__MAX
};

struct mapd;

/* An empty set of exports; NULL when memory runs out. */
struct mapd	*mapd_new(void);
void		 mapd_free(struct mapd *);

/*
 * The kind of an export by its file name, "MA000004_payrates_2025.csv"
 * for award "MA000004" (NULL: any award), or -1 when the name is not
 * one.  *award_len, when not NULL, is the length of the award code at
 * the start of the name.
 */
int		 mapd_kind_of(const char *filename, const char *award,
		    size_t *award_len);
const char	*mapd_kind_name(enum mapd_kind);

/*
 * Parses one export's text (len bytes; a UTF-8 byte order mark is
 * skipped) and keeps its rows; name is for messages.  Several files
 * of a kind add up.  Return 0, or -1 with "name: reason" in err.
 */
int		 mapd_add(struct mapd *, enum mapd_kind, const char *name,
		    const char *text, size_t len, char *err, size_t errlen);

/* Rows kept of a kind. */
size_t		 mapd_rows(const struct mapd *, enum mapd_kind);

/* What an update did and found. */
struct mapd_report {
	size_t	 rates_same;	/* rate lines the export confirms */
	size_t	 rates_changed;
	size_t	 rates_added;
	size_t	 amounts_same;
	size_t	 amounts_changed;
	size_t	 amounts_added;
	size_t	 checked;	/* percents compared with the rules */
	size_t	 mismatches;	/* percents the export contradicts */
	size_t	 unmatched;	/* export rows the rules do not model */
};

/*
 * Updates the rule file text (named name, "MA000004.rules", holding
 * one award) from the exports: the new text into out, and one line
 * per finding into log ("changed: ", "added: ", "mismatch: ", "not
 * modelled: ", "note: "), and the counts into rep.  The new text is
 * parsed before it is returned.  Return 0, or -1 with a message in
 * err (the old text does not parse, the exports contradict
 * themselves, a buffer's limit, the new text does not parse).
 */
int	mapd_update(const struct mapd *, const char *name, const char *text,
	    size_t len, struct buf *out, struct buf *log,
	    struct mapd_report *rep, char *err, size_t errlen);

#endif
