#include "config.h"

#include <stdio.h>
#include <string.h>

#include "batch/upload.h"

/* Every name a file may give a field: the CSV names, then aliases. */
static const struct {
	const char	*name;
	enum upload_col	 col;
} upload_names[] = {
	{ "award_code", UPLOAD_COL_AWARD_CODE },
	{ "classification", UPLOAD_COL_CLASSIFICATION },
	{ "emp_type", UPLOAD_COL_EMP_TYPE },
	{ "date", UPLOAD_COL_DATE },
	{ "start_time", UPLOAD_COL_START_TIME },
	{ "end_time", UPLOAD_COL_END_TIME },
	{ "break_minutes", UPLOAD_COL_BREAK_MINUTES },
	{ "employee_ref", UPLOAD_COL_EMPLOYEE_REF },
	{ "is_public_holiday", UPLOAD_COL_IS_PUBLIC_HOLIDAY },
	{ "actual_pay", UPLOAD_COL_ACTUAL_PAY },
	{ "worker_type", UPLOAD_COL_WORKER_TYPE },
	{ "state", UPLOAD_COL_STATE },
	{ "age", UPLOAD_COL_AGE },
	{ "hours", UPLOAD_COL_HOURS },
	{ "hours_already_worked_today", UPLOAD_COL_HOURS_TODAY },
	{ "hours_already_worked_this_week", UPLOAD_COL_HOURS_WEEK },
	{ "pay_period_start", UPLOAD_COL_PAY_PERIOD_START },
	{ "is_first_aid_officer", UPLOAD_COL_FIRST_AID },
	{ "requires_laundry_allowance", UPLOAD_COL_LAUNDRY },
	{ "is_meal_allowance_triggered", UPLOAD_COL_MEAL },
	/* The calculate-pay names. */
	{ "classification_code", UPLOAD_COL_CLASSIFICATION },
	{ "employment_type", UPLOAD_COL_EMP_TYPE },
	{ "work_date", UPLOAD_COL_DATE },
	{ "unpaid_break_minutes", UPLOAD_COL_BREAK_MINUTES },
	{ "total_hours_worked", UPLOAD_COL_HOURS },
};

#define UPLOAD_NNAMES	(sizeof(upload_names) / sizeof(upload_names[0]))

/* The fields every row needs, the shift times aside. */
static const enum upload_col upload_required[] = {
	UPLOAD_COL_AWARD_CODE,
	UPLOAD_COL_CLASSIFICATION,
	UPLOAD_COL_EMP_TYPE,
	UPLOAD_COL_DATE,
};

#define UPLOAD_NREQUIRED \
	(sizeof(upload_required) / sizeof(upload_required[0]))

#define UTF8_BOM_LEN	3
#define MIB		(1024 * 1024)

void
upload_limits_default(struct upload_limits *lim)
{
	lim->max_bytes = UPLOAD_MAX_BYTES;
	lim->max_rows = UPLOAD_MAX_ROWS;
	lim->max_field = UPLOAD_MAX_FIELD;
}

static int
upload_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static char
upload_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int
upload_col_lookup(const char *name, size_t len)
{
	size_t	 i, j, n;

	while (len > 0 && upload_is_blank(name[0])) {
		name++;
		len--;
	}
	while (len > 0 && upload_is_blank(name[len - 1]))
		len--;

	for (i = 0; i < UPLOAD_NNAMES; i++) {
		n = strlen(upload_names[i].name);
		if (n != len)
			continue;
		for (j = 0; j < n; j++)
			if (upload_lower(name[j]) != upload_names[i].name[j])
				break;
		if (j == n)
			return (int)upload_names[i].col;
	}
	return -1;
}

const char *
upload_col_name(enum upload_col col)
{
	size_t	 i;

	for (i = 0; i < UPLOAD_NNAMES; i++)
		if (upload_names[i].col == col)
			return upload_names[i].name;
	return "?";
}

/* Appends ", name" (or the first name) to msg, which may fill up. */
static void
upload_msg_add(char *msg, size_t msglen, int *n, const char *name)
{
	size_t	 used = strlen(msg);

	if (used < msglen)
		snprintf(msg + used, msglen - used, "%s%s",
		    *n == 0 ? "" : ", ", name);
	(*n)++;
}

int
upload_required_missing(const unsigned char *present, const char *what,
    char *msg, size_t msglen)
{
	char	 names[UPLOAD_MSG_LEN];
	size_t	 i;
	int	 n = 0, times;

	names[0] = '\0';
	for (i = 0; i < UPLOAD_NREQUIRED; i++)
		if (!present[upload_required[i]])
			upload_msg_add(names, sizeof(names), &n,
			    upload_col_name(upload_required[i]));

	times = present[UPLOAD_COL_HOURS] ||
	    (present[UPLOAD_COL_START_TIME] && present[UPLOAD_COL_END_TIME]);
	if (!times) {
		if (!present[UPLOAD_COL_START_TIME])
			upload_msg_add(names, sizeof(names), &n,
			    upload_col_name(UPLOAD_COL_START_TIME));
		if (!present[UPLOAD_COL_END_TIME])
			upload_msg_add(names, sizeof(names), &n,
			    upload_col_name(UPLOAD_COL_END_TIME));
	}

	if (n > 0)
		snprintf(msg, msglen, "missing required %s%s: %s%s", what,
		    n == 1 ? "" : "s", names, times ? "" : " (or hours)");
	return n;
}

/* "the file is larger than 10 MB" for a limit of 10 MiB, in msg. */
static void
upload_msg_too_large(char *msg, size_t msglen, size_t max)
{
	if (max >= MIB && max % MIB == 0)
		snprintf(msg, msglen, "the file is larger than %zu MB",
		    max / MIB);
	else
		snprintf(msg, msglen, "the file is larger than %zu bytes",
		    max);
}

/*
 * Well-formed UTF-8, as Unicode's table 3-7 lists it: the lead bytes
 * of each form, its length, and the range of its second byte; any
 * later byte is a plain continuation byte.
 */
static const struct {
	unsigned char	 lead_lo, lead_hi;
	unsigned char	 len;
	unsigned char	 second_lo, second_hi;
} utf8_forms[] = {
	{ 0xc2, 0xdf, 2, 0x80, 0xbf },
	{ 0xe0, 0xe0, 3, 0xa0, 0xbf },	/* no overlong forms */
	{ 0xe1, 0xec, 3, 0x80, 0xbf },
	{ 0xed, 0xed, 3, 0x80, 0x9f },	/* no UTF-16 surrogates */
	{ 0xee, 0xef, 3, 0x80, 0xbf },
	{ 0xf0, 0xf0, 4, 0x90, 0xbf },
	{ 0xf1, 0xf3, 4, 0x80, 0xbf },
	{ 0xf4, 0xf4, 4, 0x80, 0x8f },	/* nothing past U+10FFFF */
};

#define UTF8_NFORMS	(sizeof(utf8_forms) / sizeof(utf8_forms[0]))
#define UTF8_CONT_LO	0x80
#define UTF8_CONT_HI	0xbf
#define ASCII_MAX	0x7f

/* The length of the valid character at u (n bytes there), or 0. */
static size_t
upload_utf8_char(const unsigned char *u, size_t n)
{
	size_t	 i, k;

	if (u[0] <= ASCII_MAX)
		return 1;
	for (i = 0; i < UTF8_NFORMS; i++)
		if (u[0] >= utf8_forms[i].lead_lo &&
		    u[0] <= utf8_forms[i].lead_hi)
			break;
	if (i == UTF8_NFORMS || utf8_forms[i].len > n ||
	    u[1] < utf8_forms[i].second_lo || u[1] > utf8_forms[i].second_hi)
		return 0;
	for (k = 2; k < utf8_forms[i].len; k++)
		if (u[k] < UTF8_CONT_LO || u[k] > UTF8_CONT_HI)
			return 0;
	return utf8_forms[i].len;
}

size_t
upload_utf8_span(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		if ((n = upload_utf8_char(u + i, len - i)) == 0)
			return i;
		i += n;
	}
	return len;
}

int
upload_sniff(const unsigned char *head, size_t len, char *msg,
    size_t msglen)
{
	static const unsigned char bom[UTF8_BOM_LEN] = { 0xef, 0xbb, 0xbf };
	static const unsigned char le[] = { 0xff, 0xfe }, be[] = { 0xfe, 0xff };
	int	 utf16 = 0;

	if (len >= 2) {
		if (memcmp(head, le, sizeof(le)) == 0 ||
		    memcmp(head, be, sizeof(be)) == 0)
			utf16 = 1;
		/* UTF-16 text without a mark: a NUL beside each letter. */
		else if ((head[0] == '\0') != (head[1] == '\0'))
			utf16 = 1;
	}
	if (utf16) {
		snprintf(msg, msglen, "UTF-16 is not supported; "
		    "save the file as UTF-8");
		return -1;
	}

	if (len >= UTF8_BOM_LEN && memcmp(head, bom, UTF8_BOM_LEN) == 0)
		return UTF8_BOM_LEN;
	return 0;
}

enum upload_err
upload_intake_take(struct upload_intake *in, size_t max_bytes,
    const char **data, size_t *len, char *msg, size_t msglen)
{
	size_t	 n;

	if (*len > max_bytes - in->nbytes) {
		upload_msg_too_large(msg, msglen, max_bytes);
		return UPLOAD_ERR_TOO_LARGE;
	}
	in->nbytes += *len;
	if (in->sniffed)
		return UPLOAD_OK;
	n = UPLOAD_SNIFF_LEN - in->nhead;
	if (n > *len)
		n = *len;
	memcpy(in->head + in->nhead, *data, n);
	in->nhead += n;
	*data += n;
	*len -= n;
	return UPLOAD_OK;
}

int
upload_intake_holding(const struct upload_intake *in)
{
	return !in->sniffed && in->nhead < UPLOAD_SNIFF_LEN;
}

enum upload_err
upload_intake_sniff(struct upload_intake *in, const char **text, size_t *n,
    char *msg, size_t msglen)
{
	int	 skip;

	in->sniffed = 1;
	if ((skip = upload_sniff(in->head, in->nhead, msg, msglen)) < 0)
		return UPLOAD_ERR_ENCODING;
	*text = (const char *)in->head + skip;
	*n = in->nhead - (size_t)skip;
	return UPLOAD_OK;
}
