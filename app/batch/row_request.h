/*
 * An uploaded row read as the calculation reads it: the upload, the
 * processor and `awardctl check` all take a row's fields into a shift
 * request here, with the same limits and the same messages.
 */
#ifndef AWARD_ROW_REQUEST_H
#define AWARD_ROW_REQUEST_H

#include "batch/upload.h"
#include "engine/input.h"

struct buf;

/* An employee_ref longer than this is refused (its column's width). */
#define ROW_EMPLOYEE_REF_MAX	255
/* The most of a row's error message that is kept. */
#define ROW_ERROR_MAX		900

/* The request field an upload column sets, or -1 for none. */
int	row_request_field(enum upload_col);

/*
 * Reads the fields (indexed by enum upload_col, NULL when absent) into
 * req.  Return 0, or -1 with the problems in errs.
 */
int	row_request(const char *const *field, struct pay_request *req,
	    struct input_errors *errs);

/*
 * Checks an uploaded row as the upload does: the reader's own error,
 * the employee_ref's length, then its fields.  Return 0 with req
 * filled, or -1 with every problem, joined, appended to msg.
 */
int	row_request_check(const struct upload_row *, struct pay_request *req,
	    struct buf *msg);

#endif
