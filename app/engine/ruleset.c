#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/datetime.h"
#include "common/util.h"
#include "engine/ruleset.h"

#define LINE_MAX_LEN	1024
#define FIELDS_MAX	16
#define HOURS_LIMIT	(24LL * 7 * HOUR_UNITS)
#define PERCENT_LIMIT	(1000LL * PERCENT_SCALE)
#define CENTS_LIMIT	100000000LL	/* a million dollars */
#define AGE_LIMIT	120
#define LEVEL_LIMIT	99
#define FOUR_DECIMALS	4
#define TWO_DECIMALS	2
/* Hour units per 1/10000 hour. */
#define UNITS_PER_TEN_THOUSANDTH	3

#define EMP_ALL		((1u << EMP__MAX) - 1)
#define WORKER_ALL	((1u << WORKER__MAX) - 1)
#define DAYS_WEEK	0x7fu
#define DAYS_ALL	(DAYS_WEEK | DAYMASK_PH)
#define STATES_ALL	(((1u << STATE__MAX) - 1) & ~1u)

struct ruleset {
	struct award	**awards;	/* sorted by code */
	size_t		  nawards;
	struct holiday	 *holidays;	/* sorted by day */
	size_t		  nholidays;
};

struct field {
	const char	*key;
	const char	*val;
	int		 used;
};

/* The state of one ruleset_add call. */
struct parser {
	const char	*name;
	int		 line;
	char		*err;
	size_t		 errlen;
	struct field	 f[FIELDS_MAX];
	size_t		 nf;
	struct award	*award;		/* being built, or NULL */
	struct award	**done;		/* awards finished in this text */
	size_t		  ndone;
	struct holiday	*hol;
	size_t		 nhol, holcap;
};

static const char *const emp_names[EMP__MAX] = {
	"full_time",	/* EMP_FULL_TIME */
	"part_time",	/* EMP_PART_TIME */
	"casual",	/* EMP_CASUAL */
};

static const char *const worker_names[WORKER__MAX] = {
	"non_shiftworker",	/* WORKER_NON_SHIFT */
	"shiftworker",		/* WORKER_SHIFT */
};

static const char *const state_names[STATE__MAX] = {
	"",	/* STATE_NONE */
	"NSW",	/* STATE_NSW */
	"VIC",	/* STATE_VIC */
	"QLD",	/* STATE_QLD */
	"SA",	/* STATE_SA */
	"WA",	/* STATE_WA */
	"TAS",	/* STATE_TAS */
	"NT",	/* STATE_NT */
	"ACT",	/* STATE_ACT */
};

static const char	 utf8_bom[] = "\xef\xbb\xbf";

static const char *const day_names[DAYKIND__MAX] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", "ph"
};

long long
round_div(long long n, long long d)
{
	return (n + d / 2) / d;
}

const char *
emp_type_name(enum emp_type e)
{
	return e < EMP__MAX ? emp_names[e] : "";
}

const char *
worker_type_name(enum worker_type w)
{
	return w < WORKER__MAX ? worker_names[w] : "";
}

const char *
au_state_name(enum au_state s)
{
	return s < STATE__MAX ? state_names[s] : "";
}

int
emp_type_parse(const char *s, enum emp_type *out)
{
	if (s == NULL)
		return -1;
	if (strcasecmp(s, "full_time") == 0 || strcasecmp(s, "ft") == 0)
		*out = EMP_FULL_TIME;
	else if (strcasecmp(s, "part_time") == 0 || strcasecmp(s, "pt") == 0)
		*out = EMP_PART_TIME;
	else if (strcasecmp(s, "casual") == 0 || strcasecmp(s, "cas") == 0)
		*out = EMP_CASUAL;
	else
		return -1;
	return 0;
}

int
worker_type_parse(const char *s, enum worker_type *out)
{
	if (s == NULL)
		return -1;
	if (strcasecmp(s, "non_shiftworker") == 0)
		*out = WORKER_NON_SHIFT;
	else if (strcasecmp(s, "shiftworker") == 0)
		*out = WORKER_SHIFT;
	else
		return -1;
	return 0;
}

int
au_state_parse(const char *s, enum au_state *out)
{
	int	 i;

	if (s == NULL || *s == '\0')
		return -1;
	for (i = STATE_NONE + 1; i < STATE__MAX; i++)
		if (strcasecmp(s, state_names[i]) == 0) {
			*out = (enum au_state)i;
			return 0;
		}
	return -1;
}

static int __attribute__((format(printf, 2, 3)))
fail(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (p->err == NULL || p->errlen == 0)
		return -1;
	n = snprintf(p->err, p->errlen, "%s:%d: ", p->name, p->line);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static char *
skip_blank(char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

static char *
word_end(char *s)
{
	while (*s != '\0' && !is_blank(*s))
		s++;
	return s;
}

/*
 * Split a line, in place, into its keyword and key=value fields.  A
 * value is a bare word or a double-quoted string without quotes.  A
 * '#' where a field or the keyword would start begins a comment.
 */
static int
line_split(struct parser *p, char *s, char **keyword)
{
	char	*key, *val;

	p->nf = 0;
	s = skip_blank(s);
	*keyword = s;
	if (*s == '#')
		return 0;
	s = word_end(s);
	for (;;) {
		if (*s != '\0')
			*s++ = '\0';
		s = skip_blank(s);
		if (*s == '\0' || *s == '#')
			return 0;
		if (p->nf == FIELDS_MAX)
			return fail(p, "too many fields");
		key = s;
		while (*s != '\0' && *s != '=' && !is_blank(*s))
			s++;
		if (*s != '=')
			return fail(p, "field without '=': %s", key);
		*s++ = '\0';
		if (*s == '"') {
			val = ++s;
			while (*s != '\0' && *s != '"')
				s++;
			if (*s != '"')
				return fail(p, "unterminated quote");
			*s++ = '\0';
			if (*s != '\0' && !is_blank(*s))
				return fail(p, "text after a quote");
		} else {
			val = s;
			s = word_end(s);
		}
		p->f[p->nf].key = key;
		p->f[p->nf].val = val;
		p->f[p->nf].used = 0;
		p->nf++;
	}
}

static const char *
field_get(struct parser *p, const char *key)
{
	size_t	 i;

	for (i = 0; i < p->nf; i++)
		if (strcmp(p->f[i].key, key) == 0) {
			p->f[i].used = 1;
			return p->f[i].val;
		}
	return NULL;
}

static const char *
field_need(struct parser *p, const char *key)
{
	const char	*v;

	if ((v = field_get(p, key)) == NULL)
		fail(p, "missing field %s", key);
	return v;
}

static int
fields_all_used(struct parser *p)
{
	size_t	 i;

	for (i = 0; i < p->nf; i++)
		if (!p->f[i].used)
			return fail(p, "unknown field %s", p->f[i].key);
	return 0;
}

static int
copy_text(struct parser *p, char *dst, size_t len, const char *src,
    const char *what)
{
	if (src == NULL)
		return -1;
	if (strlen(src) >= len)
		return fail(p, "%s too long (at most %zu)", what, len - 1);
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int
get_text(struct parser *p, const char *key, char *dst, size_t len,
    int required)
{
	const char	*v;

	v = required ? field_need(p, key) : field_get(p, key);
	if (v == NULL)
		return required ? -1 : 0;
	return copy_text(p, dst, len, v, key);
}

static int
get_src(struct parser *p, struct rule_src *src)
{
	src->line = p->line;
	return get_text(p, "clause", src->clause, sizeof(src->clause), 1);
}

static int
get_scaled(struct parser *p, const char *key, int scale, long long limit,
    long long *out, int required)
{
	const char	*v;

	v = required ? field_need(p, key) : field_get(p, key);
	if (v == NULL)
		return required ? -1 : 0;
	if (parse_decimal(v, scale, limit, out) == -1 || *out < 0)
		return fail(p, "bad number for %s: %s", key, v);
	return 0;
}

static int
get_percent(struct parser *p, const char *key, int *out, int required)
{
	long long	 v = 0;

	if (get_scaled(p, key, TWO_DECIMALS, PERCENT_LIMIT, &v,
	    required) == -1)
		return -1;
	*out = (int)v;
	return 0;
}

static int
get_hours(struct parser *p, const char *key, long long *out, int required)
{
	long long	 v = 0;

	if (get_scaled(p, key, FOUR_DECIMALS, HOURS_LIMIT /
	    UNITS_PER_TEN_THOUSANDTH, &v, required) == -1)
		return -1;
	*out = v * UNITS_PER_TEN_THOUSANDTH;
	return 0;
}

static int
get_date(struct parser *p, const char *key, int *out)
{
	const char	*v;

	if ((v = field_need(p, key)) == NULL)
		return -1;
	if (date_parse_iso(v, out) == -1)
		return fail(p, "bad date for %s: %s", key, v);
	return 0;
}

/* "HH:MM", or "24:00" for the end of the day. */
static int
get_time(struct parser *p, const char *key, int *out, int required)
{
	const char	*v;

	v = required ? field_need(p, key) : field_get(p, key);
	if (v == NULL)
		return required ? -1 : 0;
	if (strcmp(v, "24:00") == 0) {
		*out = MINUTES_PER_DAY;
		return 0;
	}
	if (time_parse(v, out) == -1)
		return fail(p, "bad time for %s: %s", key, v);
	return 0;
}

/*
 * A comma list of names, each a single name or a range "a-b" over
 * names[], into a bit mask.  Extra names with their masks may be given
 * in alias[] (NULL-terminated) with masks in amask[].
 */
static int
mask_parse(struct parser *p, const char *key, const char *v,
    const char *const *names, size_t nnames, const char *const *alias,
    const unsigned *amask, unsigned *out)
{
	char		 word[RULE_CODE_LEN], *dash;
	const char	*end;
	size_t		 n, i, j;
	int		 a, b;

	*out = 0;
	while (*v != '\0') {
		end = strchr(v, ',');
		n = end == NULL ? strlen(v) : (size_t)(end - v);
		if (n == 0 || n >= sizeof(word))
			return fail(p, "bad %s list", key);
		memcpy(word, v, n);
		word[n] = '\0';
		v += n + (end == NULL ? 0 : 1);
		for (i = 0; alias != NULL && alias[i] != NULL; i++)
			if (strcmp(word, alias[i]) == 0)
				break;
		if (alias != NULL && alias[i] != NULL) {
			*out |= amask[i];
			continue;
		}
		dash = strchr(word, '-');
		if (dash != NULL)
			*dash++ = '\0';
		a = b = -1;
		for (j = 0; j < nnames; j++) {
			if (strcmp(word, names[j]) == 0)
				a = (int)j;
			if (dash != NULL && strcmp(dash, names[j]) == 0)
				b = (int)j;
		}
		if (dash == NULL)
			b = a;
		if (a == -1 || b == -1 || b < a)
			return fail(p, "bad %s: %s", key, word);
		for (; a <= b; a++)
			*out |= 1u << a;
	}
	if (*out == 0)
		return fail(p, "empty %s", key);
	return 0;
}

static int
get_days(struct parser *p, unsigned *out, int required)
{
	static const char *const alias[] = { "all", "weekdays", NULL };
	static const unsigned amask[] = { DAYS_ALL, 0x1fu };
	const char	*v;

	v = required ? field_need(p, "days") : field_get(p, "days");
	if (v == NULL) {
		*out = DAYS_ALL;
		return required ? -1 : 0;
	}
	return mask_parse(p, "days", v, day_names, DAYKIND__MAX, alias,
	    amask, out);
}

static int
get_emps(struct parser *p, unsigned *out)
{
	static const char *const names[] = { "ft", "pt", "casual" };
	static const char *const alias[] = { "all", "ftpt", NULL };
	static const unsigned amask[] = { EMP_ALL,
	    (1u << EMP_FULL_TIME) | (1u << EMP_PART_TIME) };
	const char	*v;

	if ((v = field_get(p, "emp")) == NULL) {
		*out = EMP_ALL;
		return 0;
	}
	return mask_parse(p, "emp", v, names, EMP__MAX, alias, amask, out);
}

static int
get_workers(struct parser *p, unsigned *out)
{
	static const char *const alias[] = { "all", NULL };
	static const unsigned amask[] = { WORKER_ALL };
	const char	*v;

	if ((v = field_get(p, "worker")) == NULL) {
		*out = WORKER_ALL;
		return 0;
	}
	return mask_parse(p, "worker", v, worker_names, WORKER__MAX, alias,
	    amask, out);
}

static int
get_classes(struct parser *p, uint64_t *out)
{
	const struct award	*a = p->award;
	char			 word[RULE_CODE_LEN];
	const char		*v, *end;
	size_t			 n;
	int			 c;

	*out = 0;
	if ((v = field_get(p, "classes")) == NULL)
		return 0;
	while (*v != '\0') {
		end = strchr(v, ',');
		n = end == NULL ? strlen(v) : (size_t)(end - v);
		if (n == 0 || n >= sizeof(word))
			return fail(p, "bad classes list");
		memcpy(word, v, n);
		word[n] = '\0';
		v += n + (end == NULL ? 0 : 1);
		if ((c = award_class_find(a, word)) == -1)
			return fail(p, "unknown class %s", word);
		*out |= (uint64_t)1 << c;
	}
	return 0;
}

static int
get_choice(struct parser *p, const char *key, const char *const *names,
    int def, int *out)
{
	const char	*v;
	int		 i;

	if ((v = field_get(p, key)) == NULL) {
		if (def == -1)
			return fail(p, "missing field %s", key);
		*out = def;
		return 0;
	}
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(v, names[i]) == 0) {
			*out = i;
			return 0;
		}
	return fail(p, "bad %s: %s", key, v);
}

static int
need_award(struct parser *p, const char *keyword)
{
	if (p->award == NULL)
		return fail(p, "%s before any award line", keyword);
	return 0;
}

static int
room(struct parser *p, size_t n, size_t max, const char *what)
{
	if (n >= max)
		return fail(p, "too many %s (at most %zu)", what, max);
	return 0;
}

static int award_finish(struct parser *);

static int
parse_award(struct parser *p)
{
	struct award	*a;

	if (p->award != NULL && award_finish(p) == -1)
		return -1;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return fail(p, "out of memory");
	p->award = a;
	a->standard_cls = -1;
	if (get_text(p, "code", a->code, sizeof(a->code), 1) == -1 ||
	    get_text(p, "title", a->title, sizeof(a->title), 1) == -1 ||
	    get_text(p, "version", a->version, sizeof(a->version), 1) == -1)
		return -1;
	return 0;
}

static int
parse_class(struct parser *p)
{
	static const char *const yesno[] = { "no", "yes", NULL };
	struct award		*a = p->award;
	struct award_class	*c;
	long long		 level;
	const char		*v;

	if (room(p, a->nclasses, AWARD_MAX_CLASSES, "classes") == -1)
		return -1;
	c = &a->classes[a->nclasses];
	if (get_text(p, "code", c->code, sizeof(c->code), 1) == -1 ||
	    get_text(p, "label", c->label, sizeof(c->label), 1) == -1 ||
	    (v = field_need(p, "level")) == NULL ||
	    get_choice(p, "ambiguous", yesno, 0, &c->ambiguous) == -1 ||
	    get_src(p, &c->src) == -1)
		return -1;
	if (parse_long(v, 0, LEVEL_LIMIT, &level) == -1)
		return fail(p, "bad level: %s", v);
	if (award_class_find(a, c->code) != -1)
		return fail(p, "class %s given twice", c->code);
	c->level = (int)level;
	a->nclasses++;
	return 0;
}

static int
class_field(struct parser *p, int *cls)
{
	const char	*v;

	if ((v = field_need(p, "class")) == NULL)
		return -1;
	if ((*cls = award_class_find(p->award, v)) == -1)
		return fail(p, "unknown class %s", v);
	return 0;
}

static int
parse_rate(struct parser *p)
{
	struct award		*a = p->award;
	struct award_rate	*r;

	if (room(p, a->nrates, AWARD_MAX_RATES, "rates") == -1)
		return -1;
	r = &a->rates[a->nrates];
	if (class_field(p, &r->cls) == -1 || get_date(p, "from", &r->from)
	    == -1 || get_scaled(p, "weekly", TWO_DECIMALS, CENTS_LIMIT,
	    &r->weekly_cents, 1) == -1 || get_src(p, &r->src) == -1)
		return -1;
	a->nrates++;
	return 0;
}

static int
parse_standard(struct parser *p)
{
	struct award	*a = p->award;

	return class_field(p, &a->standard_cls) == -1 ||
	    get_src(p, &a->standard_src) == -1 ? -1 : 0;
}

static int
parse_casual_loading(struct parser *p)
{
	struct award	*a = p->award;

	return get_percent(p, "percent", &a->casual_loading, 1) == -1 ||
	    get_src(p, &a->casual_src) == -1 ? -1 : 0;
}

static int
parse_hours(struct parser *p)
{
	struct award_hours	 h;
	unsigned		 emps;
	int			 e;

	memset(&h, 0, sizeof(h));
	if (get_emps(p, &emps) == -1 ||
	    get_hours(p, "week", &h.week_units, 0) == -1 ||
	    get_hours(p, "day", &h.day_units, 0) == -1 ||
	    get_src(p, &h.src) == -1)
		return -1;
	for (e = 0; e < EMP__MAX; e++)
		if (emps & (1u << e))
			p->award->hours[e] = h;
	return 0;
}

static int
parse_minimum(struct parser *p)
{
	struct award_minimum	 m;
	unsigned		 emps;
	int			 e;

	if (get_emps(p, &emps) == -1 ||
	    get_hours(p, "hours", &m.units, 1) == -1 ||
	    get_src(p, &m.src) == -1)
		return -1;
	for (e = 0; e < EMP__MAX; e++)
		if (emps & (1u << e))
			p->award->minimum[e] = m;
	return 0;
}

static int
parse_span(struct parser *p)
{
	struct award		*a = p->award;
	struct award_span	*s;

	if (room(p, a->nspans, AWARD_MAX_SPANS, "spans") == -1)
		return -1;
	s = &a->spans[a->nspans];
	if (get_emps(p, &s->emp_mask) == -1 ||
	    get_workers(p, &s->worker_mask) == -1 ||
	    get_days(p, &s->day_mask, 1) == -1 ||
	    get_time(p, "from", &s->from, 1) == -1 ||
	    get_time(p, "to", &s->to, 1) == -1 || get_src(p, &s->src) == -1)
		return -1;
	if (s->from >= s->to)
		return fail(p, "a span must end after it starts");
	if (s->day_mask & DAYMASK_PH)
		return fail(p, "spans are by weekday; ph is not one");
	a->nspans++;
	return 0;
}

static int
parse_penalty(struct parser *p)
{
	static const char *const matches[] = { "day", "time",
	    "shift_start", "shift_end", NULL };
	static const char *const cats[] = { "penalty", "ordinary", NULL };
	struct award		*a = p->award;
	struct award_penalty	*r;
	int			 m;

	if (room(p, a->npenalties, AWARD_MAX_PENALTIES, "penalties") == -1)
		return -1;
	r = &a->penalties[a->npenalties];
	r->from = 0;
	r->to = MINUTES_PER_DAY;
	if (get_text(p, "code", r->code, sizeof(r->code), 1) == -1 ||
	    get_text(p, "desc", r->desc, sizeof(r->desc), 1) == -1 ||
	    get_emps(p, &r->emp_mask) == -1 ||
	    get_workers(p, &r->worker_mask) == -1 ||
	    get_days(p, &r->day_mask, 1) == -1 ||
	    get_classes(p, &r->class_mask) == -1 ||
	    get_choice(p, "match", matches, MATCH_NONE, &m) == -1 ||
	    get_time(p, "from", &r->from, m != MATCH_NONE) == -1 ||
	    get_time(p, "to", &r->to, m != MATCH_NONE) == -1 ||
	    get_percent(p, "percent", &r->percent, 1) == -1 ||
	    get_choice(p, "category", cats, 0, &r->is_ordinary) == -1 ||
	    get_src(p, &r->src) == -1)
		return -1;
	r->match = (enum window_match)m;
	if (m == MATCH_TIME && r->from >= r->to)
		return fail(p, "a time window must end after it starts");
	a->npenalties++;
	return 0;
}

static int
parse_loading(struct parser *p)
{
	static const char *const pers[] = { "hour", "hour_or_part", NULL };
	struct award		*a = p->award;
	struct award_loading	*l;

	if (room(p, a->nloadings, AWARD_MAX_LOADINGS, "loadings") == -1)
		return -1;
	l = &a->loadings[a->nloadings];
	if (get_text(p, "code", l->code, sizeof(l->code), 1) == -1 ||
	    get_text(p, "desc", l->desc, sizeof(l->desc), 1) == -1 ||
	    get_emps(p, &l->emp_mask) == -1 ||
	    get_workers(p, &l->worker_mask) == -1 ||
	    get_days(p, &l->day_mask, 1) == -1 ||
	    get_time(p, "from", &l->from, 1) == -1 ||
	    get_time(p, "to", &l->to, 1) == -1 ||
	    get_choice(p, "per", pers, -1, &l->whole_hours) == -1 ||
	    get_src(p, &l->src) == -1)
		return -1;
	if (l->from >= l->to)
		return fail(p, "a loading window must end after it starts");
	a->nloadings++;
	return 0;
}

static int
parse_overtime(struct parser *p)
{
	struct award		*a = p->award;
	struct award_overtime	*o;

	if (room(p, a->novertime, AWARD_MAX_OVERTIME, "overtime") == -1)
		return -1;
	o = &a->overtime[a->novertime];
	if (get_text(p, "desc", o->desc, sizeof(o->desc), 1) == -1 ||
	    get_emps(p, &o->emp_mask) == -1 ||
	    get_days(p, &o->day_mask, 1) == -1 ||
	    get_hours(p, "hours", &o->tier_units, 0) == -1 ||
	    get_percent(p, "percent", &o->percent, 1) == -1 ||
	    get_src(p, &o->src) == -1)
		return -1;
	a->novertime++;
	return 0;
}

static int
parse_junior(struct parser *p)
{
	struct award		*a = p->award;
	struct award_junior	*j;
	long long		 age;
	const char		*v;

	if (room(p, a->njuniors, AWARD_MAX_JUNIORS, "junior rows") == -1)
		return -1;
	j = &a->juniors[a->njuniors];
	if ((v = field_need(p, "max_age")) == NULL ||
	    get_classes(p, &j->class_mask) == -1 ||
	    get_percent(p, "percent", &j->percent, 1) == -1 ||
	    get_src(p, &j->src) == -1)
		return -1;
	if (parse_long(v, 0, AGE_LIMIT, &age) == -1)
		return fail(p, "bad max_age: %s", v);
	j->max_age = (int)age;
	a->njuniors++;
	return 0;
}

static int
parse_allowance(struct parser *p)
{
	static const char *const kinds[] = { "wage", "expense", NULL };
	static const char *const pers[] = { "week", "shift", "day", "hour",
	    "occasion", "km", NULL };
	static const char *const triggers[] = { "none", "first_aid",
	    "laundry", "meal", NULL };
	struct award		*a = p->award;
	struct award_allowance	*l;
	int			 kind, per, trig;

	if (room(p, a->nallowances, AWARD_MAX_ALLOWANCES, "allowances")
	    == -1)
		return -1;
	l = &a->allowances[a->nallowances];
	if (get_text(p, "code", l->code, sizeof(l->code), 1) == -1 ||
	    get_text(p, "desc", l->desc, sizeof(l->desc), 1) == -1 ||
	    get_choice(p, "kind", kinds, -1, &kind) == -1 ||
	    get_choice(p, "per", pers, -1, &per) == -1 ||
	    get_choice(p, "trigger", triggers, TRIGGER_NONE, &trig) == -1 ||
	    get_emps(p, &l->emp_mask) == -1 ||
	    get_percent(p, "percent", &l->percent, kind == ALLOW_WAGE) == -1 ||
	    get_src(p, &l->src) == -1)
		return -1;
	l->kind = (enum allowance_kind)kind;
	l->per = (enum allowance_per)per;
	l->trigger = (enum allowance_trigger)trig;
	a->nallowances++;
	return 0;
}

static int
parse_amount(struct parser *p)
{
	struct award		*a = p->award;
	struct award_amount	*m;

	if (room(p, a->namounts, AWARD_MAX_AMOUNTS, "amounts") == -1)
		return -1;
	m = &a->amounts[a->namounts];
	if (get_text(p, "code", m->code, sizeof(m->code), 1) == -1 ||
	    get_date(p, "from", &m->from) == -1 ||
	    get_scaled(p, "value", TWO_DECIMALS, CENTS_LIMIT, &m->cents, 1)
	    == -1 || get_src(p, &m->src) == -1)
		return -1;
	a->namounts++;
	return 0;
}

static int
parse_holiday(struct parser *p)
{
	static const char *const alias[] = { "all", NULL };
	static const unsigned amask[] = { STATES_ALL };
	struct holiday	*h, *n;
	const char	*v;
	size_t		 cap;

	if (p->nhol == p->holcap) {
		cap = p->holcap == 0 ? 64 : p->holcap * 2;
		if ((n = realloc(p->hol, cap * sizeof(*n))) == NULL)
			return fail(p, "out of memory");
		p->hol = n;
		p->holcap = cap;
	}
	h = &p->hol[p->nhol];
	memset(h, 0, sizeof(*h));
	h->line = p->line;
	if (get_date(p, "date", &h->day) == -1 ||
	    get_text(p, "name", h->name, sizeof(h->name), 1) == -1 ||
	    get_time(p, "from", &h->from, 0) == -1 ||
	    (v = field_need(p, "states")) == NULL ||
	    mask_parse(p, "states", v, state_names, STATE__MAX, alias,
	    amask, &h->state_mask) == -1)
		return -1;
	if (h->state_mask & 1u)
		return fail(p, "bad state");
	p->nhol++;
	return 0;
}

struct keyword {
	const char	*name;
	int		 needs_award;
	int		(*fn)(struct parser *);
};

static const struct keyword keywords[] = {
	{ "award", 0, parse_award },
	{ "class", 1, parse_class },
	{ "rate", 1, parse_rate },
	{ "standard", 1, parse_standard },
	{ "casual_loading", 1, parse_casual_loading },
	{ "hours", 1, parse_hours },
	{ "minimum", 1, parse_minimum },
	{ "span", 1, parse_span },
	{ "penalty", 1, parse_penalty },
	{ "loading", 1, parse_loading },
	{ "overtime", 1, parse_overtime },
	{ "junior", 1, parse_junior },
	{ "allowance", 1, parse_allowance },
	{ "amount", 1, parse_amount },
	{ "holiday", 0, parse_holiday },
	{ NULL, 0, NULL }
};

static int
line_parse(struct parser *p, char *s)
{
	const struct keyword	*k;
	char			*kw;

	if (line_split(p, s, &kw) == -1)
		return -1;
	if (*kw == '\0' || *kw == '#')
		return 0;
	for (k = keywords; k->name != NULL; k++)
		if (strcmp(k->name, kw) == 0)
			break;
	if (k->name == NULL)
		return fail(p, "unknown keyword %s", kw);
	if (k->needs_award && need_award(p, kw) == -1)
		return -1;
	if (k->fn(p) == -1)
		return -1;
	return fields_all_used(p);
}

static int
rate_cmp(const void *a, const void *b)
{
	const struct award_rate	*x = a, *y = b;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

static int
amount_cmp(const void *a, const void *b)
{
	const struct award_amount	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	return x->from < y->from ? -1 : x->from > y->from;
}

static int
junior_cmp(const void *a, const void *b)
{
	const struct award_junior	*x = a, *y = b;

	return x->max_age < y->max_age ? -1 : x->max_age > y->max_age;
}

static int
int_cmp(const void *a, const void *b)
{
	const int	*x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

static void
cut_add(struct award *a, int m)
{
	size_t	 i;

	if (m <= 0 || m >= MINUTES_PER_DAY)
		return;
	for (i = 0; i < a->ncuts; i++)
		if (a->cuts[i] == m)
			return;
	if (a->ncuts < AWARD_MAX_CUTS)
		a->cuts[a->ncuts++] = m;
}

static int
award_cuts_build(struct parser *p)
{
	struct award	*a = p->award;
	size_t		 i;

	a->ncuts = 0;
	for (i = 0; i < a->npenalties; i++)
		if (a->penalties[i].match == MATCH_TIME) {
			cut_add(a, a->penalties[i].from);
			cut_add(a, a->penalties[i].to);
		}
	for (i = 0; i < a->nloadings; i++) {
		cut_add(a, a->loadings[i].from);
		cut_add(a, a->loadings[i].to);
	}
	for (i = 0; i < a->nspans; i++) {
		cut_add(a, a->spans[i].from);
		cut_add(a, a->spans[i].to);
	}
	if (a->ncuts == AWARD_MAX_CUTS)
		return fail(p, "too many distinct times in %s", a->code);
	qsort(a->cuts, a->ncuts, sizeof(a->cuts[0]), int_cmp);
	return 0;
}

static void
award_index_build(struct award *a)
{
	const struct award_penalty	*r;
	size_t				 i;
	int				 e, w, d;

	memset(a->pen_count, 0, sizeof(a->pen_count));
	for (i = 0; i < a->npenalties; i++) {
		r = &a->penalties[i];
		for (e = 0; e < EMP__MAX; e++)
			for (w = 0; w < WORKER__MAX; w++)
				for (d = 0; d < DAYKIND__MAX; d++)
					if ((r->emp_mask & (1u << e)) &&
					    (r->worker_mask & (1u << w)) &&
					    (r->day_mask & (1u << d)))
						a->pen_index[e][w][d]
						    [a->pen_count[e][w][d]++] =
						    (uint8_t)i;
	}
}

/* Check an award as a whole and build its lookup tables. */
static int
award_finish(struct parser *p)
{
	struct award	*a = p->award;
	struct award	**n;
	size_t		 i;
	int		 c;

	p->line = 0;
	qsort(a->rates, a->nrates, sizeof(a->rates[0]), rate_cmp);
	qsort(a->amounts, a->namounts, sizeof(a->amounts[0]), amount_cmp);
	qsort(a->juniors, a->njuniors, sizeof(a->juniors[0]), junior_cmp);
	for (c = 0; c < (int)a->nclasses; c++) {
		for (i = 0; i < a->nrates; i++)
			if (a->rates[i].cls == c)
				break;
		if (i == a->nrates)
			return fail(p, "%s: class %s has no rate", a->code,
			    a->classes[c].code);
	}
	for (i = 1; i < a->nrates; i++)
		if (rate_cmp(&a->rates[i - 1], &a->rates[i]) == 0)
			return fail(p, "%s: two rates for %s on one date",
			    a->code, a->classes[a->rates[i].cls].code);
	for (i = 0; i < a->nallowances; i++) {
		if (a->allowances[i].kind == ALLOW_WAGE &&
		    a->standard_cls == -1)
			return fail(p, "%s: wage allowance %s without a "
			    "standard class", a->code, a->allowances[i].code);
		if (a->allowances[i].kind == ALLOW_EXPENSE &&
		    award_amount_at(a, a->allowances[i].code, INT32_MAX)
		    == NULL)
			return fail(p, "%s: allowance %s has no amount",
			    a->code, a->allowances[i].code);
	}
	for (i = 0; i < a->nloadings; i++)
		if (award_amount_at(a, a->loadings[i].code, INT32_MAX) == NULL)
			return fail(p, "%s: loading %s has no amount",
			    a->code, a->loadings[i].code);
	if (award_cuts_build(p) == -1)
		return -1;
	award_index_build(a);

	n = realloc(p->done, (p->ndone + 1) * sizeof(*n));
	if (n == NULL)
		return fail(p, "out of memory");
	p->done = n;
	p->done[p->ndone++] = a;
	p->award = NULL;
	return 0;
}

static int
award_cmp(const void *a, const void *b)
{
	const struct award *const	*x = a, *const *y = b;

	return strcmp((*x)->code, (*y)->code);
}

static int
holiday_cmp(const void *a, const void *b)
{
	const struct holiday	*x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/* Move what the parser built into the ruleset; 0 or -1 (memory). */
static int
ruleset_commit(struct ruleset *rs, struct parser *p)
{
	struct award	**na;
	struct holiday	*nh;
	size_t		 i, j;

	if (p->ndone > 0) {
		na = realloc(rs->awards,
		    (rs->nawards + p->ndone) * sizeof(*na));
		if (na == NULL)
			return -1;
		rs->awards = na;
	}
	if (p->nhol > 0) {
		nh = realloc(rs->holidays,
		    (rs->nholidays + p->nhol) * sizeof(*nh));
		if (nh == NULL)
			return -1;
		rs->holidays = nh;
		memcpy(nh + rs->nholidays, p->hol, p->nhol * sizeof(*nh));
		rs->nholidays += p->nhol;
		qsort(nh, rs->nholidays, sizeof(*nh), holiday_cmp);
	}
	for (i = 0; i < p->ndone; i++) {
		for (j = 0; j < rs->nawards; j++)
			if (strcmp(rs->awards[j]->code, p->done[i]->code) == 0)
				break;
		if (j < rs->nawards) {
			free(rs->awards[j]);
			rs->awards[j] = p->done[i];
		} else
			rs->awards[rs->nawards++] = p->done[i];
	}
	p->ndone = 0;
	if (rs->nawards > 1)
		qsort(rs->awards, rs->nawards, sizeof(*rs->awards), award_cmp);
	return 0;
}

static void
parser_free(struct parser *p)
{
	size_t	 i;

	for (i = 0; i < p->ndone; i++)
		free(p->done[i]);
	free(p->done);
	free(p->award);
	free(p->hol);
}

int
ruleset_add(struct ruleset *rs, const char *name, const char *text,
    size_t len, char *err, size_t errlen)
{
	struct parser	 p;
	char		 line[LINE_MAX_LEN];
	size_t		 pos = 0, n;
	const char	*nl;
	int		 rc = -1;

	memset(&p, 0, sizeof(p));
	p.name = name;
	p.err = err;
	p.errlen = errlen;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (len >= sizeof(utf8_bom) - 1 &&
	    memcmp(text, utf8_bom, sizeof(utf8_bom) - 1) == 0)
		pos = sizeof(utf8_bom) - 1;
	while (pos < len) {
		p.line++;
		nl = memchr(text + pos, '\n', len - pos);
		n = nl == NULL ? len - pos : (size_t)(nl - (text + pos));
		if (n > 0 && text[pos + n - 1] == '\r')
			n--;
		if (n >= sizeof(line)) {
			fail(&p, "line too long");
			goto out;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		if (memchr(line, '\0', n) != NULL) {
			fail(&p, "NUL byte in text");
			goto out;
		}
		pos += (nl == NULL ? n : (size_t)(nl - (text + pos)) + 1);
		if (line_parse(&p, line) == -1)
			goto out;
	}
	if (p.award != NULL && award_finish(&p) == -1)
		goto out;
	if (ruleset_commit(rs, &p) == -1) {
		fail(&p, "out of memory");
		goto out;
	}
	rc = 0;
out:
	parser_free(&p);
	return rc;
}

struct ruleset *
ruleset_new(void)
{
	return calloc(1, sizeof(struct ruleset));
}

void
ruleset_free(struct ruleset *rs)
{
	size_t	 i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nawards; i++)
		free(rs->awards[i]);
	free(rs->awards);
	free(rs->holidays);
	free(rs);
}

const struct award *
ruleset_award(const struct ruleset *rs, const char *code)
{
	size_t	 lo = 0, hi = rs->nawards, mid;
	int	 c;

	if (code == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(code, rs->awards[mid]->code);
		if (c == 0)
			return rs->awards[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

size_t
ruleset_award_count(const struct ruleset *rs)
{
	return rs->nawards;
}

const struct award *
ruleset_award_at(const struct ruleset *rs, size_t i)
{
	return i < rs->nawards ? rs->awards[i] : NULL;
}

size_t
ruleset_holiday_count(const struct ruleset *rs)
{
	return rs->nholidays;
}

const struct holiday *
ruleset_holiday_at(const struct ruleset *rs, size_t i)
{
	return i < rs->nholidays ? &rs->holidays[i] : NULL;
}

const struct holiday *
ruleset_holiday(const struct ruleset *rs, int day, enum au_state st)
{
	size_t		 lo = 0, hi = rs->nholidays, mid;
	unsigned	 want;

	want = st == STATE_NONE ? STATES_ALL : 1u << st;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rs->holidays[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < rs->nholidays && rs->holidays[lo].day == day; lo++)
		if ((rs->holidays[lo].state_mask & want) == want)
			return &rs->holidays[lo];
	return NULL;
}

int
award_class_find(const struct award *a, const char *code)
{
	size_t	 i;

	if (code == NULL)
		return -1;
	for (i = 0; i < a->nclasses; i++)
		if (strcmp(a->classes[i].code, code) == 0)
			return (int)i;
	return -1;
}

int
award_rate_at(const struct award *a, int cls, int day,
    const struct award_rate **out)
{
	const struct award_rate	*best = NULL;
	size_t			 i;

	for (i = 0; i < a->nrates; i++) {
		if (a->rates[i].cls > cls)
			break;
		if (a->rates[i].cls == cls && a->rates[i].from <= day)
			best = &a->rates[i];
	}
	if (best == NULL)
		return -1;
	*out = best;
	return 0;
}

const struct award_amount *
award_amount_at(const struct award *a, const char *code, int day)
{
	const struct award_amount	*best = NULL;
	size_t				 i;

	for (i = 0; i < a->namounts; i++)
		if (strcmp(a->amounts[i].code, code) == 0 &&
		    a->amounts[i].from <= day)
			best = &a->amounts[i];
	return best;
}

int
award_junior_percent(const struct award *a, int cls, int age,
    const struct award_junior **out)
{
	const struct award_junior	*j;
	size_t				 i;

	if (age < 0)
		return 0;
	for (i = 0; i < a->njuniors; i++) {
		j = &a->juniors[i];
		if (j->class_mask != 0 && (cls < 0 ||
		    !(j->class_mask & ((uint64_t)1 << cls))))
			continue;
		if (age <= j->max_age) {
			if (out != NULL)
				*out = j;
			return j->percent;
		}
	}
	return 0;
}

int
award_day_percent(const struct award *a, int cls, enum emp_type e,
    enum worker_type w, int dk)
{
	const struct award_penalty	*r;
	size_t				 i;

	if (e >= EMP__MAX || w >= WORKER__MAX || dk < 0 ||
	    dk >= DAYKIND__MAX)
		return 0;
	for (i = 0; i < a->pen_count[e][w][dk]; i++) {
		r = &a->penalties[a->pen_index[e][w][dk][i]];
		if (r->match == MATCH_NONE && (r->class_mask == 0 ||
		    (cls >= 0 && (r->class_mask & ((uint64_t)1 << cls)))))
			return r->percent;
	}
	return 0;
}

long long
award_ot_split(const struct award *a, enum emp_type e)
{
	size_t	 i;

	for (i = 0; i < a->novertime; i++)
		if ((a->overtime[i].emp_mask & (1u << e)) &&
		    (a->overtime[i].day_mask & 1u))
			return a->overtime[i].tier_units;
	return 0;
}
