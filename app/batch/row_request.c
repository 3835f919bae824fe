#include "config.h"

#include <string.h>

#include "batch/row_request.h"
#include "batch/upload.h"
#include "common/buf.h"
#include "engine/input.h"

/* The request field each upload column sets; -1 for none. */
static const int col_input[UPLOAD_COL__MAX] = {
	INPUT_AWARD_CODE,	/* UPLOAD_COL_AWARD_CODE */
	INPUT_CLASSIFICATION,	/* UPLOAD_COL_CLASSIFICATION */
	INPUT_EMP_TYPE,		/* UPLOAD_COL_EMP_TYPE */
	INPUT_WORK_DATE,	/* UPLOAD_COL_DATE */
	INPUT_START_TIME,	/* UPLOAD_COL_START_TIME */
	INPUT_END_TIME,		/* UPLOAD_COL_END_TIME */
	INPUT_BREAK_MINUTES,	/* UPLOAD_COL_BREAK_MINUTES */
	-1,			/* UPLOAD_COL_EMPLOYEE_REF */
	INPUT_PUBLIC_HOLIDAY,	/* UPLOAD_COL_IS_PUBLIC_HOLIDAY */
	INPUT_ACTUAL_PAY,	/* UPLOAD_COL_ACTUAL_PAY */
	INPUT_WORKER_TYPE,	/* UPLOAD_COL_WORKER_TYPE */
	INPUT_STATE,		/* UPLOAD_COL_STATE */
	INPUT_AGE,		/* UPLOAD_COL_AGE */
	INPUT_TOTAL_HOURS,	/* UPLOAD_COL_HOURS */
	INPUT_HOURS_TODAY,	/* UPLOAD_COL_HOURS_TODAY */
	INPUT_HOURS_WEEK,	/* UPLOAD_COL_HOURS_WEEK */
	INPUT_PAY_PERIOD_START,	/* UPLOAD_COL_PAY_PERIOD_START */
	INPUT_FIRST_AID,	/* UPLOAD_COL_FIRST_AID */
	INPUT_LAUNDRY,		/* UPLOAD_COL_LAUNDRY */
	INPUT_MEAL,		/* UPLOAD_COL_MEAL */
};

int
row_request_field(enum upload_col c)
{
	return c < UPLOAD_COL__MAX ? col_input[c] : -1;
}

int
row_request(const char *const *field, struct pay_request *req,
    struct input_errors *errs)
{
	struct input	 in;
	size_t		 c;

	input_begin(&in, INPUT_MODE_CSV, req, errs);
	for (c = 0; c < UPLOAD_COL__MAX; c++)
		if (col_input[c] >= 0 && field[c] != NULL)
			input_set(&in, (enum input_field)col_input[c],
			    upload_col_name((enum upload_col)c), field[c]);
	return input_finish(&in);
}

int
row_request_check(const struct upload_row *row, struct pay_request *req,
    struct buf *msg)
{
	struct input_errors	 errs;
	const char		*ref;
	size_t			 i;

	if (row->error != NULL) {
		buf_puts(msg, row->error);
		return -1;
	}
	ref = row->field[UPLOAD_COL_EMPLOYEE_REF];
	if (ref != NULL && strlen(ref) > ROW_EMPLOYEE_REF_MAX) {
		buf_printf(msg, "employee_ref: longer than %d characters",
		    ROW_EMPLOYEE_REF_MAX);
		return -1;
	}
	if (row_request((const char *const *)row->field, req, &errs) == 0)
		return 0;
	for (i = 0; i < errs.n; i++)
		buf_printf(msg, "%s%s: %s", i > 0 ? "; " : "",
		    errs.e[i].field, errs.e[i].msg);
	if (errs.dropped > 0)
		buf_printf(msg, "; and %zu more", errs.dropped);
	return -1;
}
