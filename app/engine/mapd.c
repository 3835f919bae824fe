#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "common/buf.h"
#include "common/datetime.h"
#include "common/util.h"
#include "engine/mapd.h"
#include "engine/pay.h"
#include "engine/ruleset.h"

#define MAPD_TEXT_LEN		256	/* a name or description */
#define MAPD_WORD_LEN		32	/* a code or a unit */
#define MAPD_COL_PREFIX		"data__"
#define MAPD_NULL		"null"
#define MAPD_VALUE_LIMIT	1000000000LL
#define MAPD_LEVEL_MAX		99
#define MAPD_CSV_OPTIONS	(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define MAPD_BOM		"\xef\xbb\xbf"
#define MAPD_BOM_LEN		3
#define MAPD_FILE_SUFFIX	".csv"
#define MAPD_ADULT		"AD"
#define MAPD_JUNIOR		"JN"
#define MAPD_WEEKLY		"Weekly"
#define MAPD_PERCENT		"Percent"
#define MAPD_PER_HOUR		"per hour"
#define MAPD_ROWS_FIRST		256
#define MAPD_VERSION_FIRST	1
#define MAPD_MONEY_TEXT		32
#define MAPD_MINUTES_HOUR	60
#define MAPD_NOON		12
#define MAPD_CLASS_BITS		64
/* Days a probe stands for: a Wednesday, Saturday, Sunday, holiday. */
#define DAY_WEEKDAY		2
#define DAY_SATURDAY		5
#define DAY_SUNDAY		6

/* The fields read from an export, whatever its columns are called. */
enum mapd_col {
	COL_NAME,		/* classification, penalty or allowance */
	COL_GROUP,		/* parent classification, penalty group */
	COL_CLAUSE,
	COL_TYPE,		/* employee rate type, payment frequency */
	COL_UNIT,		/* base rate type, rate unit */
	COL_LEVEL,
	COL_FROM,
	COL_VALUE,		/* a rate, percent or amount */
	COL_AMOUNT,		/* a wage allowance's dollar amount */
	COL__MAX
};

struct mapd_colname {
	enum mapd_col	 col;
	const char	*name;		/* without the "data__" prefix */
};

static const char *const kind_names[MAPD__MAX] = {
	"payrates",		/* MAPD_PAYRATES */
	"penalties",		/* MAPD_PENALTIES */
	"wage_allowances",	/* MAPD_WAGE_ALLOWANCES */
	"expense_allowances"	/* MAPD_EXPENSE_ALLOWANCES */
};

#define MAPD_COLS_MAX	8
static const struct mapd_colname kind_cols[MAPD__MAX][MAPD_COLS_MAX] = {
	{	/* MAPD_PAYRATES */
		{ COL_NAME, "classification" },
		{ COL_GROUP, "parent_classification_name" },
		{ COL_TYPE, "employee_rate_type_code" },
		{ COL_UNIT, "base_rate_type" },
		{ COL_LEVEL, "classification_level" },
		{ COL_FROM, "operative_from" },
		{ COL_VALUE, "base_rate" },
		{ COL__MAX, NULL }
	},
	{	/* MAPD_PENALTIES */
		{ COL_NAME, "penalty_description" },
		{ COL_GROUP, "clause_description" },
		{ COL_TYPE, "employee_rate_type_code" },
		{ COL_LEVEL, "classification_level" },
		{ COL_FROM, "operative_from" },
		{ COL_VALUE, "rate" },
		{ COL__MAX, NULL }
	},
	{	/* MAPD_WAGE_ALLOWANCES */
		{ COL_NAME, "allowance" },
		{ COL_CLAUSE, "clauses" },
		{ COL_TYPE, "payment_frequency" },
		{ COL_UNIT, "rate_unit" },
		{ COL_FROM, "operative_from" },
		{ COL_VALUE, "rate" },
		{ COL_AMOUNT, "allowance_amount" },
		{ COL__MAX, NULL }
	},
	{	/* MAPD_EXPENSE_ALLOWANCES */
		{ COL_NAME, "allowance" },
		{ COL_CLAUSE, "clauses" },
		{ COL_TYPE, "payment_frequency" },
		{ COL_FROM, "operative_from" },
		{ COL_VALUE, "allowance_amount" },
		{ COL__MAX, NULL }
	}
};

/* One export row; money in cents and percents in hundredths. */
struct mapd_row {
	char		 name[MAPD_TEXT_LEN];
	char		 group[MAPD_TEXT_LEN];
	char		 clause[RULE_CLAUSE_LEN];
	char		 type[MAPD_WORD_LEN];
	char		 unit[MAPD_WORD_LEN];
	int		 level;		/* 0: none */
	int		 from;
	int		 has_value, has_amount;
	long long	 value;
	long long	 amount;
};

struct mapd_rows {
	struct mapd_row	*r;
	size_t		 n, cap;
};

struct mapd {
	struct mapd_rows	 kind[MAPD__MAX];
};

/* The state of one file being parsed. */
struct mapd_parse {
	struct mapd_rows	*rows;
	enum mapd_kind		 kind;
	const char		*name;
	int			 colof[COL__MAX];	/* -1: absent */
	char			 cell[COL__MAX][MAPD_TEXT_LEN];
	int			 ncol;
	int			 header_done;
	size_t			 line;
	int			 failed;
	char			 err[MAPD_MSG_LEN];
};

struct mapd *
mapd_new(void)
{
	return calloc(1, sizeof(struct mapd));
}

void
mapd_free(struct mapd *m)
{
	size_t	 k;

	if (m == NULL)
		return;
	for (k = 0; k < MAPD__MAX; k++)
		free(m->kind[k].r);
	free(m);
}

const char *
mapd_kind_name(enum mapd_kind k)
{
	return k < MAPD__MAX ? kind_names[k] : "?";
}

size_t
mapd_rows(const struct mapd *m, enum mapd_kind k)
{
	return k < MAPD__MAX ? m->kind[k].n : 0;
}

int
mapd_kind_of(const char *fn, const char *award, size_t *award_len)
{
	const char	*us, *rest;
	size_t		 n = strlen(fn), sl = strlen(MAPD_FILE_SUFFIX), kl;
	int		 k;

	if (n <= sl || strcasecmp(fn + n - sl, MAPD_FILE_SUFFIX) != 0 ||
	    (us = strchr(fn, '_')) == NULL || us == fn)
		return -1;
	if (award != NULL && (strlen(award) != (size_t)(us - fn) ||
	    strncasecmp(fn, award, (size_t)(us - fn)) != 0))
		return -1;
	rest = us + 1;
	for (k = 0; k < MAPD__MAX; k++) {
		kl = strlen(kind_names[k]);
		if (strncmp(rest, kind_names[k], kl) == 0 &&
		    (rest[kl] == '_' || rest + kl == fn + n - sl)) {
			if (award_len != NULL)
				*award_len = (size_t)(us - fn);
			return k;
		}
	}
	return -1;
}

static void
parse_fail(struct mapd_parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
parse_fail(struct mapd_parse *p, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (p->failed)
		return;
	p->failed = 1;
	n = snprintf(p->err, sizeof(p->err), "%s:%zu: ", p->name, p->line);
	if (n < 0 || (size_t)n >= sizeof(p->err))
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, sizeof(p->err) - (size_t)n, fmt, ap);
	va_end(ap);
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct mapd_parse	*p = arg;
	const char		*v = s;
	size_t			 c, pl = strlen(MAPD_COL_PREFIX);

	if (p->failed)
		return;
	if (!p->header_done) {
		if (len >= pl && strncmp(v, MAPD_COL_PREFIX, pl) == 0) {
			v += pl;
			len -= pl;
		}
		for (c = 0; kind_cols[p->kind][c].name != NULL; c++)
			if (strlen(kind_cols[p->kind][c].name) == len &&
			    strncmp(kind_cols[p->kind][c].name, v, len) == 0)
				p->colof[kind_cols[p->kind][c].col] = p->ncol;
	} else {
		for (c = 0; c < COL__MAX; c++) {
			if (p->colof[c] != p->ncol)
				continue;
			if (len >= MAPD_TEXT_LEN) {
				parse_fail(p, "a value longer than %d bytes",
				    MAPD_TEXT_LEN - 1);
				return;
			}
			memcpy(p->cell[c], v, len);
			p->cell[c][len] = '\0';
		}
	}
	p->ncol++;
}

/* The text of a field, or NULL when the export says it is absent. */
static const char *
cell_get(const struct mapd_parse *p, enum mapd_col c)
{
	const char	*s = p->cell[c];

	if (p->colof[c] < 0 || s[0] == '\0' || strcmp(s, MAPD_NULL) == 0)
		return NULL;
	return s;
}

static int
header_check(struct mapd_parse *p)
{
	size_t	 c;

	for (c = 0; kind_cols[p->kind][c].name != NULL; c++)
		if (p->colof[kind_cols[p->kind][c].col] < 0) {
			parse_fail(p, "no %s column: not a MAPD %s export",
			    kind_cols[p->kind][c].name,
			    kind_names[p->kind]);
			return -1;
		}
	p->header_done = 1;
	return 0;
}

static int
rows_grow(struct mapd_rows *rs)
{
	size_t	 ncap;
	void	*q;

	if (rs->n < rs->cap)
		return 0;
	if (rs->n >= MAPD_MAX_ROWS)
		return -1;
	ncap = rs->cap == 0 ? MAPD_ROWS_FIRST : rs->cap * 2;
	if ((q = reallocarray(rs->r, ncap, sizeof(*rs->r))) == NULL)
		return -1;
	rs->r = q;
	rs->cap = ncap;
	return 0;
}

/* A text field into a fixed array; too long is an error. */
static int
copy_text(struct mapd_parse *p, enum mapd_col c, char *out, size_t len)
{
	const char	*s = cell_get(p, c);

	if (s == NULL)
		s = "";
	if (strlen(s) >= len) {
		parse_fail(p, "%s: too long", s);
		return -1;
	}
	memcpy(out, s, strlen(s) + 1);
	return 0;
}

/* The numbers of a row: its date, level, value and amount. */
static int
row_numbers(struct mapd_parse *p, struct mapd_row *r)
{
	const char	*s;
	long long	 v;

	if ((s = cell_get(p, COL_FROM)) == NULL ||
	    date_parse_iso(s, &r->from) == -1) {
		parse_fail(p, "operative_from: not a date");
		return -1;
	}
	if ((s = cell_get(p, COL_LEVEL)) != NULL) {
		if (parse_long(s, 0, MAPD_LEVEL_MAX, &v) == -1) {
			parse_fail(p, "classification_level: %s", s);
			return -1;
		}
		r->level = (int)v;
	}
	if ((s = cell_get(p, COL_VALUE)) != NULL) {
		if (parse_decimal(s, 2, MAPD_VALUE_LIMIT, &r->value) == -1) {
			parse_fail(p, "not a number: %s", s);
			return -1;
		}
		r->has_value = 1;
	}
	if ((s = cell_get(p, COL_AMOUNT)) != NULL) {
		if (parse_decimal(s, 2, MAPD_VALUE_LIMIT, &r->amount) == -1) {
			parse_fail(p, "not a number: %s", s);
			return -1;
		}
		r->has_amount = 1;
	}
	return 0;
}

static void
on_row(int c, void *arg)
{
	struct mapd_parse	*p = arg;
	struct mapd_row		*r;

	(void)c;
	p->line++;
	if (p->failed)
		return;
	if (!p->header_done)
		header_check(p);
	else if (rows_grow(p->rows) == -1)
		parse_fail(p, "more than %d rows, or out of memory",
		    MAPD_MAX_ROWS);
	else {
		r = &p->rows->r[p->rows->n];
		memset(r, 0, sizeof(*r));
		if (copy_text(p, COL_NAME, r->name, sizeof(r->name)) == 0 &&
		    copy_text(p, COL_GROUP, r->group, sizeof(r->group)) ==
		    0 && copy_text(p, COL_CLAUSE, r->clause,
		    sizeof(r->clause)) == 0 && copy_text(p, COL_TYPE,
		    r->type, sizeof(r->type)) == 0 && copy_text(p, COL_UNIT,
		    r->unit, sizeof(r->unit)) == 0 &&
		    row_numbers(p, r) == 0)
			p->rows->n++;
	}
	memset(p->cell, 0, sizeof(p->cell));
	p->ncol = 0;
}

int
mapd_add(struct mapd *m, enum mapd_kind kind, const char *name,
    const char *text, size_t len, char *err, size_t errlen)
{
	struct csv_parser	 csv;
	struct mapd_parse	*p;
	size_t			 c, before;
	int			 rc = 0;

	if (kind >= MAPD__MAX || (p = calloc(1, sizeof(*p))) == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	p->rows = &m->kind[kind];
	p->kind = kind;
	p->name = name;
	for (c = 0; c < COL__MAX; c++)
		p->colof[c] = -1;
	before = p->rows->n;
	if (len >= MAPD_BOM_LEN && memcmp(text, MAPD_BOM, MAPD_BOM_LEN) == 0) {
		text += MAPD_BOM_LEN;
		len -= MAPD_BOM_LEN;
	}
	if (csv_init(&csv, MAPD_CSV_OPTIONS) != 0) {
		snprintf(err, errlen, "%s: out of memory", name);
		free(p);
		return -1;
	}
	if (csv_parse(&csv, text, len, on_field, on_row, p) != len ||
	    csv_fini(&csv, on_field, on_row, p) != 0)
		parse_fail(p, "not CSV: %s", csv_strerror(csv_error(&csv)));
	csv_free(&csv);
	if (!p->failed && !p->header_done)
		parse_fail(p, "empty");
	if (p->failed) {
		snprintf(err, errlen, "%s", p->err);
		p->rows->n = before;
		rc = -1;
	}
	free(p);
	return rc;
}

/*
 * The rule file, line by line.
 */

struct rule_line {
	const char	*p;
	size_t		 len;		/* without its line end */
	size_t		 full;		/* with it */
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The keyword of a rule line into kw; 0 for a blank or comment line. */
static size_t
line_keyword(const struct rule_line *l, const char **kw)
{
	size_t	 i = 0, s;

	while (i < l->len && is_blank(l->p[i]))
		i++;
	if (i == l->len || l->p[i] == '#')
		return 0;
	s = i;
	while (i < l->len && !is_blank(l->p[i]))
		i++;
	*kw = l->p + s;
	return i - s;
}

static int
line_is(const struct rule_line *l, const char *kw)
{
	const char	*k;
	size_t		 n = line_keyword(l, &k);

	return n == strlen(kw) && strncmp(k, kw, n) == 0;
}

/*
 * The value of key= on a rule line (quotes not included), as an offset
 * into the line and a length.  Return 0, or -1 when it is not there.
 */
static int
line_field(const struct rule_line *l, const char *key, size_t *off,
    size_t *vlen)
{
	const char	*k;
	size_t		 i, ks, kl, vs;
	int		 quoted;

	if ((i = line_keyword(l, &k)) == 0)
		return -1;
	i += (size_t)(k - l->p);
	for (;;) {
		while (i < l->len && is_blank(l->p[i]))
			i++;
		if (i == l->len || l->p[i] == '#')
			return -1;
		ks = i;
		while (i < l->len && l->p[i] != '=' && !is_blank(l->p[i]))
			i++;
		kl = i - ks;
		if (i == l->len || l->p[i] != '=')
			continue;
		i++;
		quoted = i < l->len && l->p[i] == '"';
		if (quoted)
			i++;
		vs = i;
		while (i < l->len && (quoted ? l->p[i] != '"' :
		    !is_blank(l->p[i])))
			i++;
		if (kl == strlen(key) && strncmp(l->p + ks, key, kl) == 0) {
			*off = vs;
			*vlen = i - vs;
			return 0;
		}
		if (quoted && i < l->len)
			i++;
	}
}

/* A field's value as a NUL-terminated copy; "" when absent. */
static void
line_value(const struct rule_line *l, const char *key, char *out,
    size_t len)
{
	size_t	 off, vl;

	out[0] = '\0';
	if (line_field(l, key, &off, &vl) == -1 || vl >= len)
		return;
	memcpy(out, l->p + off, vl);
	out[vl] = '\0';
}

static struct rule_line *
lines_split(const char *text, size_t len, size_t *n)
{
	struct rule_line	*ls;
	size_t			 i, count = 1, s = 0;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			count++;
	if ((ls = calloc(count, sizeof(*ls))) == NULL)
		return NULL;
	*n = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (i == len && s == len)
			break;
		ls[*n].p = text + s;
		ls[*n].full = (i < len ? i + 1 : i) - s;
		ls[*n].len = i - s;
		if (ls[*n].len > 0 && ls[*n].p[ls[*n].len - 1] == '\r')
			ls[*n].len--;
		(*n)++;
		s = i + 1;
	}
	return ls;
}

/*
 * The update.
 */

/* A dated figure the export wants in the rule file. */
struct want {
	int		 idx;		/* class, or allowance */
	int		 from;
	long long	 cents;
	int		 found;		/* a line has this date */
	size_t		 after;		/* insert after this line */
};

struct wants {
	struct want	*w;
	size_t		 n;
};

struct update {
	const struct mapd	*m;
	const struct award	*award;
	struct buf		*log;
	struct mapd_report	*rep;
	struct wants		 rates, amounts;
	int			 newest;	/* latest date changed */
	char			*err;
	size_t			 errlen;
};

static void
note(struct update *u, size_t *count, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A finding, once: the same line is not logged twice, and count (when
 * not NULL) counts the lines logged.
 */
static void
note(struct update *u, size_t *count, const char *fmt, ...)
{
	struct buf	 line;
	va_list		 ap;

	buf_init(&line, 0);
	va_start(ap, fmt);
	buf_vprintf(&line, fmt, ap);
	va_end(ap);
	buf_putc(&line, '\n');
	if (line.data != NULL && (u->log->data == NULL ||
	    strstr(u->log->data, line.data) == NULL)) {
		buf_append(u->log, line.data, line.len);
		if (count != NULL)
			(*count)++;
	}
	buf_free(&line);
}

static int
want_cmp(const void *a, const void *b)
{
	const struct want	*x = a, *y = b;

	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return 0;
}

/* Adds a dated figure; the same date twice must agree. */
static int
want_add(struct update *u, struct wants *ws, int idx, int from,
    long long cents, const char *what)
{
	char	 d[DATE_STRLEN];
	size_t	 i;

	for (i = 0; i < ws->n; i++) {
		if (ws->w[i].idx != idx || ws->w[i].from != from)
			continue;
		if (ws->w[i].cents == cents)
			return 0;
		date_format(from, d);
		snprintf(u->err, u->errlen, "the export has two figures for "
		    "%s from %s", what, d);
		return -1;
	}
	ws->w[ws->n].idx = idx;
	ws->w[ws->n].from = from;
	ws->w[ws->n].cents = cents;
	ws->n++;
	return 0;
}

static int
class_by_label(const struct award *a, const char *label)
{
	size_t	 i;

	for (i = 0; i < a->nclasses; i++)
		if (strcasecmp(a->classes[i].label, label) == 0)
			return (int)i;
	return -1;
}

static int
allowance_by_clause(const struct award *a, const char *clause,
    enum allowance_kind kind)
{
	size_t	 i;

	for (i = 0; i < a->nallowances; i++)
		if (a->allowances[i].kind == kind &&
		    strcmp(a->allowances[i].src.clause, clause) == 0)
			return (int)i;
	return -1;
}

static int
allowance_by_code(const struct award *a, const char *code)
{
	size_t	 i;

	for (i = 0; i < a->nallowances; i++)
		if (a->allowances[i].kind == ALLOW_EXPENSE &&
		    strcmp(a->allowances[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* The adult weekly rates of the classes the rule file has. */
static int
wants_rates(struct update *u)
{
	const struct mapd_rows	*rs = &u->m->kind[MAPD_PAYRATES];
	const struct mapd_row	*r;
	size_t			 i;
	int			 cls;

	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (strcmp(r->type, MAPD_ADULT) != 0 || !r->has_value ||
		    strcasecmp(r->unit, MAPD_WEEKLY) != 0)
			continue;
		if ((cls = class_by_label(u->award, r->name)) < 0) {
			note(u, &u->rep->unmatched, "not modelled: "
			    "classification \"%s\"", r->name);
			continue;
		}
		if (want_add(u, &u->rates, cls, r->from, r->value,
		    u->award->classes[cls].code) == -1)
			return -1;
	}
	qsort(u->rates.w, u->rates.n, sizeof(*u->rates.w), want_cmp);
	return 0;
}

/*
 * The amounts of the expense allowances the rule file has.  XXX: the
 * dated amounts of a `loading` (a dollar figure an hour, like the
 * Hospitality late work ones) are neither updated nor checked: the
 * import looks for amounts only in the expense allowance export.
 */
static int
wants_amounts(struct update *u)
{
	const struct mapd_rows	*rs = &u->m->kind[MAPD_EXPENSE_ALLOWANCES];
	const struct mapd_row	*r;
	size_t			 i;
	int			 al;

	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (!r->has_value)
			continue;
		if ((al = allowance_by_clause(u->award, r->clause,
		    ALLOW_EXPENSE)) < 0) {
			note(u, &u->rep->unmatched, "not modelled: "
			    "expense allowance \"%s\" (clause %s)", r->name,
			    r->clause);
			continue;
		}
		if (want_add(u, &u->amounts, al, r->from, r->value,
		    u->award->allowances[al].code) == -1)
			return -1;
	}
	qsort(u->amounts.w, u->amounts.n, sizeof(*u->amounts.w), want_cmp);
	return 0;
}

static struct want *
want_find(struct wants *ws, int idx, int from)
{
	size_t	 i;

	for (i = 0; i < ws->n; i++)
		if (ws->w[i].idx == idx && ws->w[i].from == from)
			return &ws->w[i];
	return NULL;
}

/* Marks which dated lines the export has, and where new ones go. */
static void
lines_scan(struct update *u, const struct rule_line *ls, size_t n,
    size_t *award_line)
{
	char		 code[RULE_CODE_LEN], from[DATE_STRLEN + 1];
	struct wants	*ws;
	struct want	*w;
	size_t		 i, k;
	int		 idx, day;

	for (i = 0; i < n; i++) {
		if (line_is(&ls[i], "award"))
			*award_line = i;
		if (line_is(&ls[i], "rate")) {
			ws = &u->rates;
			line_value(&ls[i], "class", code, sizeof(code));
			idx = award_class_find(u->award, code);
		} else if (line_is(&ls[i], "amount")) {
			ws = &u->amounts;
			line_value(&ls[i], "code", code, sizeof(code));
			idx = allowance_by_code(u->award, code);
		} else
			continue;
		if (idx < 0)
			continue;
		for (k = 0; k < ws->n; k++)
			if (ws->w[k].idx == idx)
				ws->w[k].after = i;
		line_value(&ls[i], "from", from, sizeof(from));
		if (date_parse_iso(from, &day) == 0 &&
		    (w = want_find(ws, idx, day)) != NULL)
			w->found = 1;
	}
}

static const char *
want_code(const struct update *u, const struct wants *ws,
    const struct want *w)
{
	return ws == &u->rates ? u->award->classes[w->idx].code :
	    u->award->allowances[w->idx].code;
}

/* A dated line, its value replaced when the export differs. */
static int
emit_dated(struct update *u, struct buf *out, const struct rule_line *l,
    struct wants *ws, const char *vkey)
{
	char		 code[RULE_CODE_LEN], from[DATE_STRLEN + 1];
	char		 old[MAPD_MONEY_TEXT], now[MAPD_MONEY_TEXT];
	const char	*key = ws == &u->rates ? "class" : "code";
	struct want	*w;
	long long	 cents;
	size_t		 off, vl;
	int		 idx, day;

	line_value(l, key, code, sizeof(code));
	line_value(l, "from", from, sizeof(from));
	idx = ws == &u->rates ? award_class_find(u->award, code) :
	    allowance_by_code(u->award, code);
	if (idx < 0 || date_parse_iso(from, &day) == -1 ||
	    (w = want_find(ws, idx, day)) == NULL ||
	    line_field(l, vkey, &off, &vl) == -1 || vl >= sizeof(old))
		return buf_append(out, l->p, l->full);
	memcpy(old, l->p + off, vl);
	old[vl] = '\0';
	if (parse_decimal(old, 2, MAPD_VALUE_LIMIT, &cents) == 0 &&
	    cents == w->cents) {
		if (ws == &u->rates)
			u->rep->rates_same++;
		else
			u->rep->amounts_same++;
		return buf_append(out, l->p, l->full);
	}
	pay_cents_format(w->cents, now, sizeof(now));
	note(u, NULL, "changed: %s %s from %s: %s to %s",
	    ws == &u->rates ? "rate" : "amount", code, from, old, now);
	if (ws == &u->rates)
		u->rep->rates_changed++;
	else
		u->rep->amounts_changed++;
	if (day > u->newest)
		u->newest = day;
	if (buf_append(out, l->p, off) == -1 || buf_puts(out, now) == -1)
		return -1;
	return buf_append(out, l->p + off + vl, l->full - off - vl);
}

/* The new dated lines that go after line i. */
static int
emit_added(struct update *u, struct buf *out, const struct rule_line *l,
    size_t i, struct wants *ws)
{
	char		 clause[RULE_CLAUSE_LEN], d[DATE_STRLEN];
	char		 money[MAPD_MONEY_TEXT];
	const char	*eol = l->full > l->len + 1 ? "\r\n" : "\n";
	size_t		 k;

	line_value(l, "clause", clause, sizeof(clause));
	for (k = 0; k < ws->n; k++) {
		if (ws->w[k].found || ws->w[k].after != i)
			continue;
		if (l->full == l->len && buf_puts(out, eol) == -1)
			return -1;
		date_format(ws->w[k].from, d);
		pay_cents_format(ws->w[k].cents, money, sizeof(money));
		if (buf_printf(out, ws == &u->rates ?
		    "rate class=%s from=%s weekly=%s clause=%s%s" :
		    "amount code=%s from=%s value=%s clause=%s%s",
		    want_code(u, ws, &ws->w[k]), d, money, clause, eol) == -1)
			return -1;
		note(u, NULL, "added: %s %s from %s: %s",
		    ws == &u->rates ? "rate" : "amount",
		    want_code(u, ws, &ws->w[k]), d, money);
		if (ws == &u->rates)
			u->rep->rates_added++;
		else
			u->rep->amounts_added++;
		if (ws->w[k].from > u->newest)
			u->newest = ws->w[k].from;
		ws->w[k].found = 1;
	}
	return 0;
}

/*
 * The award line with a new version when figures changed: the latest
 * date changed ".1", or the next number on the same date.
 */
static int
emit_award(struct update *u, struct buf *out, const struct rule_line *l)
{
	char		 ver[RULE_VERSION_LEN], d[DATE_STRLEN];
	char		 nv[RULE_VERSION_LEN];
	const char	*dot;
	long long	 seq = MAPD_VERSION_FIRST;
	size_t		 off, vl;
	int		 day;

	if (u->newest == 0 || line_field(l, "version", &off, &vl) == -1 ||
	    vl >= sizeof(ver))
		return buf_append(out, l->p, l->full);
	memcpy(ver, l->p + off, vl);
	ver[vl] = '\0';
	date_format(u->newest, d);
	if ((dot = strchr(ver, '.')) != NULL &&
	    (size_t)(dot - ver) == DATE_STRLEN - 1) {
		ver[DATE_STRLEN - 1] = '\0';
		if (date_parse_iso(ver, &day) == 0 && day >= u->newest &&
		    parse_long(dot + 1, 0, INT32_MAX - 1, &seq) == 0) {
			seq++;
			memcpy(d, ver, DATE_STRLEN);
		} else
			seq = MAPD_VERSION_FIRST;
	}
	snprintf(nv, sizeof(nv), "%s.%lld", d, seq);
	note(u, NULL, "changed: version %.*s to %s", (int)vl, l->p + off,
	    nv);
	if (buf_append(out, l->p, off) == -1 || buf_puts(out, nv) == -1)
		return -1;
	return buf_append(out, l->p + off + vl, l->full - off - vl);
}

static int
lines_emit(struct update *u, const struct rule_line *ls, size_t n,
    size_t award_line, struct buf *out)
{
	struct buf	 body;
	size_t		 i;
	int		 rc = 0;

	/* The award line comes first, but its version depends on the
	 * rest: the lines after it are written first. */
	buf_init(&body, 0);
	for (i = award_line + 1; i < n && rc == 0; i++) {
		if (line_is(&ls[i], "rate"))
			rc = emit_dated(u, &body, &ls[i], &u->rates,
			    "weekly");
		else if (line_is(&ls[i], "amount"))
			rc = emit_dated(u, &body, &ls[i], &u->amounts,
			    "value");
		else
			rc = buf_append(&body, ls[i].p, ls[i].full);
		if (rc == 0)
			rc = emit_added(u, &body, &ls[i], i, &u->rates);
		if (rc == 0)
			rc = emit_added(u, &body, &ls[i], i, &u->amounts);
	}
	for (i = 0; i < award_line && rc == 0; i++)
		rc = buf_append(out, ls[i].p, ls[i].full);
	if (rc == 0)
		rc = emit_award(u, out, &ls[award_line]);
	if (rc == 0 && body.len > 0)
		rc = buf_append(out, body.data, body.len);
	buf_free(&body);
	return rc;
}

/*
 * The checks of the hand-written percentages.
 */

/* What a MAPD penalty row stands for. */
struct probe {
	unsigned		 emp_mask;
	int			 worker;	/* -1: overtime */
	int			 days[2];	/* -1: none */
	enum window_match	 match;
	int			 from, to;
	int			 tier;		/* overtime: 0 the day's, */
	long long		 tier_units;	/* 1 first, 2 after first */
};

/* "6.00 pm" at s into minutes; the length read, or 0. */
static size_t
clock_parse(const char *s, int *min)
{
	const char	*mp;
	char		*end;
	long		 h, m;

	if (*s < '0' || *s > '9')
		return 0;
	h = strtol(s, &end, 10);
	if (*end != '.' || h < 1 || h > MAPD_NOON)
		return 0;
	mp = end + 1;
	if (*mp < '0' || *mp > '9')
		return 0;
	m = strtol(mp, &end, 10);
	if (end != mp + 2 || m >= MAPD_MINUTES_HOUR)
		return 0;
	if (strncasecmp(end, " pm ", 4) == 0 || strcasecmp(end, " pm") == 0)
		h = h % MAPD_NOON + MAPD_NOON;
	else if (strncasecmp(end, " am ", 4) == 0 ||
	    strcasecmp(end, " am") == 0)
		h = h % MAPD_NOON;
	else
		return 0;
	*min = (int)(h * MAPD_MINUTES_HOUR + m);
	return (size_t)(end - s) + (end[3] == ' ' ? 4 : 3);
}

/* A number of hours after "first " or "after ": 0 when none. */
static long long
hours_after(const char *d, const char *word)
{
	const char	*s = strcasestr(d, word);
	char		*end;
	long		 h;

	if (s == NULL)
		return 0;
	s += strlen(word);
	h = strtol(s, &end, 10);
	if (end == s || h <= 0 || strncasecmp(end, " hour", 5) != 0)
		return 0;
	return h * HOUR_UNITS;
}

static int
probe_group(const char *g, struct probe *pr)
{
	if (strncasecmp(g, "casual", 6) == 0)
		pr->emp_mask = 1u << EMP_CASUAL;
	else if (strcasestr(g, "full-time and part-time") != NULL)
		pr->emp_mask = 1u << EMP_FULL_TIME | 1u << EMP_PART_TIME;
	else
		return -1;
	if (strcasestr(g, "overtime rates") != NULL)
		pr->worker = -1;
	else if (strcasestr(g, "other than shiftworkers") != NULL)
		pr->worker = WORKER_NON_SHIFT;
	else if (strcasestr(g, "shiftworkers") != NULL)
		pr->worker = WORKER_SHIFT;
	else
		pr->worker = WORKER_NON_SHIFT;
	return 0;
}

/*
 * The day and time a penalty description names.  XXX: the wordings
 * are those of the Retail export; another award's (like "Monday to
 * Friday - 7.00 pm to midnight") are reported as not modelled.
 */
static int
probe_desc(const char *d, struct probe *pr)
{
	const char	*s;
	int		 t;

	pr->days[0] = pr->days[1] = -1;
	pr->match = MATCH_NONE;
	if (strcasestr(d, "baking production employees (bpe)") != NULL)
		return -1;
	if (strcasestr(d, "public holiday") != NULL)
		pr->days[0] = DAYBIT_PH;
	else if (strcasestr(d, "monday to saturday") != NULL) {
		pr->days[0] = DAY_WEEKDAY;
		pr->days[1] = DAY_SATURDAY;
	} else if (strcasestr(d, "monday to friday") != NULL ||
	    strcasestr(d, "ordinary hours") != NULL)
		pr->days[0] = DAY_WEEKDAY;
	else if (strcasestr(d, "saturday") != NULL)
		pr->days[0] = DAY_SATURDAY;
	else if (strcasestr(d, "sunday") != NULL)
		pr->days[0] = DAY_SUNDAY;
	else
		return -1;
	if ((s = strcasestr(d, "starting at or after ")) != NULL) {
		s += strlen("starting at or after ");
		if ((t = (int)clock_parse(s, &pr->from)) == 0 ||
		    strncasecmp(s + t, "and before ", 11) != 0 ||
		    clock_parse(s + t + 11, &pr->to) == 0)
			return -1;
		pr->match = MATCH_SHIFT_START;
	} else if ((s = strcasestr(d, "after ")) != NULL &&
	    clock_parse(s + strlen("after "), &pr->from) != 0) {
		pr->match = MATCH_TIME;
		pr->to = MINUTES_PER_DAY;
	}
	if (pr->worker == -1) {
		if ((pr->tier_units = hours_after(d, "first ")) > 0)
			pr->tier = 1;
		else if ((pr->tier_units = hours_after(d, "after ")) > 0)
			pr->tier = 2;
	}
	return 0;
}

static int
class_fits(const struct award *a, uint64_t mask, int level)
{
	size_t	 i;

	if (mask == 0 || level == 0)
		return 1;
	for (i = 0; i < a->nclasses && i < MAPD_CLASS_BITS; i++)
		if (a->classes[i].level == level &&
		    (mask & ((uint64_t)1 << i)) != 0)
			return 1;
	return 0;
}

/* The penalty line that pays what the probe describes, or NULL. */
static const struct award_penalty *
penalty_find(const struct award *a, const struct probe *pr, int emp,
    int day, int level)
{
	const struct award_penalty	*p;
	size_t				 i;

	for (i = 0; i < a->npenalties; i++) {
		p = &a->penalties[i];
		if ((p->emp_mask & (1u << emp)) == 0 ||
		    (p->worker_mask & (1u << pr->worker)) == 0 ||
		    (p->day_mask & (1u << day)) == 0 ||
		    !class_fits(a, p->class_mask, level) ||
		    p->match != pr->match)
			continue;
		if (pr->match == MATCH_NONE ||
		    (p->from == pr->from && p->to == pr->to))
			return p;
	}
	return NULL;
}

/* The overtime line of a tier, or NULL. */
static const struct award_overtime *
overtime_find(const struct award *a, const struct probe *pr, int emp,
    int day)
{
	const struct award_overtime	*o;
	size_t				 i;
	int				 next = 0;

	for (i = 0; i < a->novertime; i++) {
		o = &a->overtime[i];
		if ((o->emp_mask & (1u << emp)) == 0 ||
		    (o->day_mask & (1u << day)) == 0)
			continue;
		if (pr->tier == 0 || next)
			return o;
		if (o->tier_units == pr->tier_units) {
			if (pr->tier == 1)
				return o;
			next = 1;
		}
	}
	return NULL;
}

static void
check_percent(struct update *u, const struct mapd_row *r,
    const char *what, int line, const char *clause, int have,
    const char *who)
{
	char	 h[MAPD_MONEY_TEXT], w[MAPD_MONEY_TEXT];

	u->rep->checked++;
	if ((long long)have == r->value)
		return;
	pay_percent_format(have, h, sizeof(h));
	pay_percent_format((int)r->value, w, sizeof(w));
	note(u, &u->rep->mismatches, "mismatch: %s (line %d, clause %s) is "
	    "%s%%%s; the MAPD export says %s%% (%s%s%s)", what, line, clause,
	    h, who, w, r->group, r->group[0] != '\0' ? ": " : "", r->name);
}

static void
check_penalty_row(struct update *u, const struct mapd_row *r)
{
	const struct award_penalty	*p;
	const struct award_overtime	*o;
	struct probe			 pr;
	char				 who[MAPD_WORD_LEN * 2];
	int				 emp, k, found = 0;

	memset(&pr, 0, sizeof(pr));
	if (probe_group(r->group, &pr) == -1 ||
	    probe_desc(r->name, &pr) == -1) {
		note(u, &u->rep->unmatched, "not modelled: penalty "
		    "\"%s: %s\"", r->group, r->name);
		return;
	}
	for (emp = 0; emp < EMP__MAX; emp++) {
		if ((pr.emp_mask & (1u << emp)) == 0)
			continue;
		snprintf(who, sizeof(who), " for %s%s%s", emp_type_name(emp),
		    pr.worker >= 0 ? " " : "", pr.worker >= 0 ?
		    worker_type_name(pr.worker) : "");
		for (k = 0; k < 2 && pr.days[k] >= 0; k++) {
			if (pr.worker == -1) {
				if ((o = overtime_find(u->award, &pr, emp,
				    pr.days[k])) == NULL)
					continue;
				found = 1;
				check_percent(u, r, o->desc, o->src.line,
				    o->src.clause, o->percent, who);
			} else {
				if ((p = penalty_find(u->award, &pr, emp,
				    pr.days[k], r->level)) == NULL)
					continue;
				found = 1;
				check_percent(u, r, p->desc, p->src.line,
				    p->src.clause, p->percent, who);
			}
		}
	}
	if (!found) {
		note(u, &u->rep->unmatched, "not modelled: penalty "
		    "\"%s: %s\"", r->group, r->name);
	}
}

/*
 * The adult penalty and overtime percentages.  XXX: junior and
 * apprentice rows are not checked: the engine pays juniors the adult
 * percentages of a junior weekly rate, and has no apprentices.
 */
static void
check_penalties(struct update *u)
{
	const struct mapd_rows	*rs = &u->m->kind[MAPD_PENALTIES];
	size_t			 i;

	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].type, MAPD_ADULT) == 0 &&
		    rs->r[i].has_value)
			check_penalty_row(u, &rs->r[i]);
}

/*
 * Wage allowances: the percent of the rules against the export, and
 * the amount the engine gives from the new rates against the export's.
 */
static void
check_wage_allowances(struct update *u, const struct award *na)
{
	const struct mapd_rows		*rs = &u->m->kind[MAPD_WAGE_ALLOWANCES];
	const struct mapd_row		*r;
	const struct award_allowance	*al;
	const struct award_rate		*rate;
	char				 d[DATE_STRLEN];
	char				 h[MAPD_MONEY_TEXT], w[MAPD_MONEY_TEXT];
	long long			 base, cents;
	size_t				 i;
	int				 k;

	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (!r->has_value || strcasecmp(r->unit, MAPD_PERCENT) != 0)
			continue;
		if ((k = allowance_by_clause(na, r->clause, ALLOW_WAGE)) < 0) {
			note(u, &u->rep->unmatched, "not modelled: wage "
			    "allowance \"%s\" (clause %s)", r->name,
			    r->clause);
			continue;
		}
		al = &na->allowances[k];
		check_percent(u, r, al->desc, al->src.line, al->src.clause,
		    al->percent, "");
		if (!r->has_amount || na->standard_cls < 0 ||
		    award_rate_at(na, na->standard_cls, r->from, &rate) == -1)
			continue;
		base = rate->weekly_cents;
		if (strcasecmp(r->type, MAPD_PER_HOUR) == 0)
			base = round_div(base, RATE_WEEK_HOURS);
		cents = round_div(base * al->percent, PERCENT_WHOLE);
		u->rep->checked++;
		if (cents == r->amount)
			continue;
		date_format(r->from, d);
		pay_cents_format(cents, h, sizeof(h));
		pay_cents_format(r->amount, w, sizeof(w));
		note(u, &u->rep->mismatches, "mismatch: %s from %s is %s by "
		    "the rules; the MAPD export says %s", al->desc, d, h, w);
	}
}

/* Every figure found a line, or had one added after its kin. */
static int
wants_placed(struct update *u, const struct wants *ws)
{
	char	 d[DATE_STRLEN];
	size_t	 i;

	for (i = 0; i < ws->n; i++) {
		if (ws->w[i].found)
			continue;
		date_format(ws->w[i].from, d);
		snprintf(u->err, u->errlen, "%s from %s: no line of its "
		    "kind to put it after", want_code(u, ws, &ws->w[i]), d);
		return -1;
	}
	return 0;
}

/*
 * A junior's age by the export's name of the rate: "Under 16 years of
 * age" is 15, "17 years of age" 17; -1 for one the engine does not
 * tell apart (a 20-year-old's rate after 6 months' service).
 */
static int
junior_age(const char *name)
{
	const char	*s = name;
	char		*end;
	long		 age;
	int		 under = 0;

	if (strncasecmp(s, "under ", 6) == 0) {
		s += 6;
		under = 1;
	}
	if (*s < '0' || *s > '9' || strcasestr(name, "more than") != NULL)
		return -1;
	age = strtol(s, &end, 10);
	if (strncasecmp(end, " years of age", 13) != 0 || age < 1 ||
	    age > PAY_AGE_MAX)
		return -1;
	return (int)(under ? age - 1 : age);
}

/*
 * Junior rates: the export's weekly rate of each junior age against
 * the rules' percent of the new adult rate.
 */
static void
check_juniors(struct update *u, const struct award *na)
{
	const struct mapd_rows	*rs = &u->m->kind[MAPD_PAYRATES];
	const struct mapd_row	*r;
	const struct award_rate	*rate;
	const struct award_junior *j;
	char			 d[DATE_STRLEN];
	char			 h[MAPD_MONEY_TEXT], w[MAPD_MONEY_TEXT];
	long long		 cents;
	size_t			 i;
	int			 cls, age, pct;

	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (strcmp(r->type, MAPD_JUNIOR) != 0 || !r->has_value ||
		    strcasecmp(r->unit, MAPD_WEEKLY) != 0 ||
		    (cls = class_by_label(na, r->group)) < 0)
			continue;
		if ((age = junior_age(r->name)) < 0) {
			note(u, &u->rep->unmatched, "not modelled: junior "
			    "rate \"%s: %s\"", r->group, r->name);
			continue;
		}
		if (award_rate_at(na, cls, r->from, &rate) == -1)
			continue;
		pct = award_junior_percent(na, cls, age, &j);
		cents = pct == 0 ? rate->weekly_cents :
		    round_div(rate->weekly_cents * pct, PERCENT_WHOLE);
		u->rep->checked++;
		if (cents == r->value)
			continue;
		date_format(r->from, d);
		pay_cents_format(cents, h, sizeof(h));
		pay_cents_format(r->value, w, sizeof(w));
		note(u, &u->rep->mismatches, "mismatch: %s at %d from %s is %s "
		    "a week by the rules (junior line %d); the MAPD export "
		    "says %s (%s)", na->classes[cls].code, age, d, h,
		    pct == 0 ? 0 : j->src.line, w, r->name);
	}
}

/* The new text into out. */
static int
update_text(struct update *u, const char *name, const char *text,
    size_t len, struct buf *out)
{
	struct rule_line	*ls;
	size_t			 n, award_line = (size_t)-1;
	int			 rc = -1;

	if ((ls = lines_split(text, len, &n)) == NULL) {
		snprintf(u->err, u->errlen, "out of memory");
		return -1;
	}
	lines_scan(u, ls, n, &award_line);
	if (award_line == (size_t)-1)
		snprintf(u->err, u->errlen, "%s: no award line", name);
	else if (lines_emit(u, ls, n, award_line, out) == -1)
		snprintf(u->err, u->errlen, "out of memory");
	else if (wants_placed(u, &u->rates) == 0 &&
	    wants_placed(u, &u->amounts) == 0)
		rc = 0;
	free(ls);
	return rc;
}

/* The new text parsed, and the hand-written figures checked. */
static int
update_check(struct update *u, const char *name, const struct buf *out)
{
	const struct award	*na;
	struct ruleset		*nrs;
	int			 rc = -1;

	if ((nrs = ruleset_new()) == NULL) {
		snprintf(u->err, u->errlen, "out of memory");
		return -1;
	}
	if (ruleset_add(nrs, name, out->data != NULL ? out->data : "",
	    out->len, u->err, u->errlen) == 0) {
		na = ruleset_award_at(nrs, 0);
		check_penalties(u);
		check_wage_allowances(u, na);
		check_juniors(u, na);
		rc = 0;
	}
	ruleset_free(nrs);
	return rc;
}

int
mapd_update(const struct mapd *m, const char *name, const char *text,
    size_t len, struct buf *out, struct buf *log, struct mapd_report *rep,
    char *err, size_t errlen)
{
	struct update	 u;
	struct ruleset	*rs;
	size_t		 most;
	int		 rc = -1;

	memset(rep, 0, sizeof(*rep));
	memset(&u, 0, sizeof(u));
	u.m = m;
	u.log = log;
	u.rep = rep;
	u.err = err;
	u.errlen = errlen;
	if ((rs = ruleset_new()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (ruleset_add(rs, name, text, len, err, errlen) == -1)
		goto out;
	if (ruleset_award_count(rs) != 1) {
		snprintf(err, errlen, "%s: not one award", name);
		goto out;
	}
	u.award = ruleset_award_at(rs, 0);
	most = m->kind[MAPD_PAYRATES].n + m->kind[MAPD_EXPENSE_ALLOWANCES].n;
	if ((u.rates.w = calloc(most + 1, sizeof(struct want))) == NULL ||
	    (u.amounts.w = calloc(most + 1, sizeof(struct want))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (wants_rates(&u) == 0 && wants_amounts(&u) == 0 &&
	    update_text(&u, name, text, len, out) == 0)
		rc = update_check(&u, name, out);
out:
	free(u.rates.w);
	free(u.amounts.w);
	ruleset_free(rs);
	return rc;
}
