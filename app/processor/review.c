#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "batch/row_request.h"
#include "batch/upload.h"
#include "db/batchstore.h"
#include "db/rowcodec.h"
#include "engine/input.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/risk.h"
#include "engine/risk_json.h"
#include "processor/review.h"

/* Offsets kept per result while the text buffer may still move. */
enum review_off {
	OFF_DETAIL,
	OFF_REF,
	OFF_CODES,
	OFF__MAX
};
#define OFF_NONE	((size_t)-1)

void
review_init(struct review *rv, const struct ruleset *rules)
{
	memset(rv, 0, sizeof(*rv));
	rv->rules = rules;
	buf_init(&rv->text, 0);
}

void
review_reset(struct review *rv)
{
	rv->n = 0;
	buf_reset(&rv->text);
	memset(&rv->totals, 0, sizeof(rv->totals));
}

void
review_free(struct review *rv)
{
	free(rv->results);
	free(rv->offs);
	buf_free(&rv->text);
}

static int
review_grow(struct review *rv)
{
	size_t	 ncap;
	void	*p;

	if (rv->n < rv->cap)
		return 0;
	ncap = rv->cap == 0 ? 1024 : rv->cap * 2;
	if ((p = reallocarray(rv->results, ncap, sizeof(*rv->results))) ==
	    NULL)
		return -1;
	rv->results = p;
	if ((p = reallocarray(rv->offs, ncap * OFF__MAX,
	    sizeof(*rv->offs))) == NULL)
		return -1;
	rv->offs = p;
	rv->cap = ncap;
	return 0;
}

/* Appends a NUL-terminated string and returns its offset. */
static size_t
review_keep(struct review *rv, const char *s, size_t len)
{
	size_t	 off = rv->text.len;

	if (s == NULL)
		return OFF_NONE;
	if (buf_append(&rv->text, s, len) == -1 ||
	    buf_putc(&rv->text, '\0') == -1)
		return OFF_NONE;
	return off;
}

/* Reads the stored fields as the upload checked them. */
static int
review_request(const char *const *f, struct pay_request *req,
    char *err, size_t errlen)
{
	struct input_errors	 errs;

	if (row_request(f, req, &errs) == 0)
		return 0;
	snprintf(err, errlen, "%s: %s", errs.e[0].field, errs.e[0].msg);
	return -1;
}

static json_object *
str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

/* The row's identity, as uploaded, first in its JSON. */
static json_object *
row_head(unsigned row_index, const char *const *f)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "row_index",
	    json_object_new_int64(row_index));
	json_object_object_add(o, "employee_ref",
	    str_or_null(f[UPLOAD_COL_EMPLOYEE_REF]));
	json_object_object_add(o, "award_code",
	    str_or_null(f[UPLOAD_COL_AWARD_CODE]));
	json_object_object_add(o, "classification_code",
	    str_or_null(f[UPLOAD_COL_CLASSIFICATION]));
	json_object_object_add(o, "employment_type",
	    str_or_null(f[UPLOAD_COL_EMP_TYPE]));
	json_object_object_add(o, "work_date",
	    str_or_null(f[UPLOAD_COL_DATE]));
	return o;
}

static void
risk_codes_join(const struct risk_list *risks, char *out, size_t len)
{
	size_t	 i, o = 0;
	int	 n;

	out[0] = '\0';
	for (i = 0; i < risks->n; i++) {
		n = snprintf(out + o, len - o, "%s%s", i > 0 ? ";" : "",
		    risks->items[i].def->code);
		if (n < 0 || (size_t)n >= len - o)
			break;
		o += (size_t)n;
	}
}

static void
totals_add(struct chunk_totals *t, enum row_status st,
    const struct risk_list *risks)
{
	int	 counts[RISK_SEV__MAX];

	risk_count(risks, counts);
	t->high_risks += counts[RISK_SEV_HIGH];
	t->warning_risks += counts[RISK_SEV_WARNING];
	t->info_risks += counts[RISK_SEV_INFO];
	switch (st) {
	case ROW_OK:
		t->ok_rows++;
		break;
	case ROW_WARNING:
		t->warning_rows++;
		break;
	case ROW_VIOLATION:
		t->violation_rows++;
		break;
	case ROW_ERROR:
	case ROW__MAX:
		t->error_rows++;
		break;
	}
}

void
review_shift(const struct ruleset *rules, const char *const *f,
    long long carry_today, long long carry_week, const char *error,
    struct review_outcome *oc)
{
	struct pay_comparison	*cmpp = NULL;

	pay_request_init(&oc->req);
	risk_list_init(&oc->risks);
	oc->error[0] = '\0';
	oc->failed = 0;
	oc->compared = 0;
	if (error != NULL) {
		snprintf(oc->error, sizeof(oc->error), "%s", error);
		oc->failed = 1;
	} else if (review_request(f, &oc->req, oc->error,
	    sizeof(oc->error)) == -1)
		oc->failed = 1;
	if (!oc->failed) {
		if (carry_today > oc->req.today_units)
			oc->req.today_units = carry_today;
		if (carry_week > oc->req.week_units)
			oc->req.week_units = carry_week;
		risk_detect_pre(rules, &oc->req, &oc->risks);
		if (pay_calculate(rules, &oc->req, &oc->res, oc->error,
		    sizeof(oc->error)) != PAY_OK)
			oc->failed = 1;
		else {
			if (oc->req.actual_cents != PAY_NONE) {
				cmpp = &oc->cmp;
				oc->compared = 1;
			}
			risk_detect_post(&oc->req, &oc->res, &oc->risks, cmpp);
		}
	}
	oc->status = risk_row_status(oc->failed, &oc->risks, cmpp);
	oc->max_severity = risk_max_severity(&oc->risks);
	risk_codes_join(&oc->risks, oc->codes, sizeof(oc->codes));
}

int
review_row(struct review *rv, unsigned row_index, char *fields,
    long long carry_today, long long carry_week, const char *error)
{
	const char		*f[UPLOAD_COL__MAX];
	struct review_outcome	 oc;
	struct row_result	*out;
	json_object		*o;
	const char		*text, *ref;
	size_t			 len, *offs;
	int			 failed, sev;

	if (review_grow(rv) == -1)
		return -1;
	if (rowcodec_decode(fields, f, UPLOAD_COL__MAX) == -1) {
		memset(f, 0, sizeof(f));
		error = "the stored row is unreadable";
	}
	review_shift(rv->rules, f, carry_today, carry_week, error, &oc);
	failed = oc.failed;
	sev = oc.max_severity;

	o = row_head(row_index, f);
	if (!failed) {
		/* The names the calculation settled on, not the file's. */
		json_object_object_add(o, "award_code",
		    json_object_new_string(oc.res.award_code));
		json_object_object_add(o, "classification_code",
		    json_object_new_string(oc.res.class_code));
		json_object_object_add(o, "employment_type",
		    json_object_new_string(emp_type_name(oc.res.emp)));
		json_object_object_add(o, "work_date", pay_json_date(
		    oc.res.work_date));
	}
	json_object_object_add(o, "row_status",
	    json_object_new_string(row_status_name(oc.status)));
	json_object_object_add(o, "risk_count",
	    json_object_new_int64((long long)oc.risks.n));
	json_object_object_add(o, "max_severity", sev < 0 ? NULL :
	    json_object_new_string(risk_severity_name(sev)));
	json_object_object_add(o, "pay_output", failed ? NULL :
	    pay_json_result(&oc.res, NULL));
	json_object_object_add(o, "risks", risk_json_list(&oc.risks));
	json_object_object_add(o, "pay_comparison", !oc.compared ? NULL :
	    pay_json_comparison(&oc.cmp));
	json_object_object_add(o, "error", failed ?
	    json_object_new_string(oc.error) : NULL);
	text = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &len);

	out = &rv->results[rv->n];
	offs = &rv->offs[rv->n * OFF__MAX];
	memset(out, 0, sizeof(*out));
	out->row_index = row_index;
	out->status = row_status_name(oc.status);
	out->risk_count = (int)oc.risks.n;
	out->max_severity = sev < 0 ? NULL : risk_severity_name(sev);
	out->hours_units = failed ? BATCH_NULL : oc.res.worked_units;
	out->minimum_cents = failed ? BATCH_NULL : oc.res.gross_cents;
	out->actual_cents = failed || oc.req.actual_cents == PAY_NONE ?
	    BATCH_NULL : oc.req.actual_cents;
	out->detail_len = len;
	offs[OFF_DETAIL] = review_keep(rv, text, len);
	/*
	 * Only an error row can carry a reference longer than its column
	 * (the upload refuses it in a good row): the detail keeps it whole
	 * and the column is left empty, so one such row cannot fail the
	 * batch.
	 */
	ref = f[UPLOAD_COL_EMPLOYEE_REF];
	offs[OFF_REF] = ref == NULL || strlen(ref) > ROW_EMPLOYEE_REF_MAX ?
	    OFF_NONE : review_keep(rv, ref, strlen(ref));
	offs[OFF_CODES] = review_keep(rv, oc.codes, strlen(oc.codes));
	json_object_put(o);
	if (offs[OFF_DETAIL] == OFF_NONE || offs[OFF_CODES] == OFF_NONE)
		return -1;

	totals_add(&rv->totals, oc.status, &oc.risks);
	if (!failed) {
		rv->totals.minimum_cents += oc.res.gross_cents;
		if (oc.compared) {
			rv->totals.actual_cents += oc.cmp.actual_cents;
			rv->totals.underpayment_cents += oc.cmp.shortfall_cents;
		}
	}
	rv->n++;
	return 0;
}

void
review_seal(struct review *rv)
{
	size_t	 i, *offs;

	for (i = 0; i < rv->n; i++) {
		offs = &rv->offs[i * OFF__MAX];
		rv->results[i].detail = rv->text.data + offs[OFF_DETAIL];
		rv->results[i].employee_ref = offs[OFF_REF] == OFF_NONE ?
		    NULL : rv->text.data + offs[OFF_REF];
		rv->results[i].risk_codes = rv->text.data + offs[OFF_CODES];
	}
}
