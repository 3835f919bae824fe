/*
 * An uploaded row read as the calculation reads it: every column sets
 * the request field of its own name, and a bad row says what is wrong.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "batch/row_request.h"
#include "batch/upload.h"
#include "common/buf.h"
#include "engine/input.h"
#include "tap.h"

int
main(void)
{
	struct upload_row	 row;
	struct pay_request	 req;
	struct buf		 msg;
	char			 longref[ROW_EMPLOYEE_REF_MAX + 2];
	size_t			 c;
	int			 bad = 0;

	/* The table agrees with the names of the columns and fields. */
	for (c = 0; c < UPLOAD_COL__MAX; c++)
		if (row_request_field((enum upload_col)c) !=
		    input_field_lookup(upload_col_name((enum upload_col)c))) {
			printf("# column %s\n",
			    upload_col_name((enum upload_col)c));
			bad++;
		}
	is_int(bad, 0, "every column reaches the field of its name");

	memset(&row, 0, sizeof(row));
	row.field[UPLOAD_COL_AWARD_CODE] = "MA000004";
	row.field[UPLOAD_COL_CLASSIFICATION] = "RE2";
	row.field[UPLOAD_COL_EMP_TYPE] = "ft";
	row.field[UPLOAD_COL_DATE] = "21/03/2026";
	row.field[UPLOAD_COL_START_TIME] = "09:00";
	row.field[UPLOAD_COL_END_TIME] = "17:00";
	buf_init(&msg, ROW_ERROR_MAX);
	ok(row_request_check(&row, &req, &msg) == 0, "a good row reads");
	is_str(req.class_code, "RE2", "its classification");
	is_int(req.start_min, 540, "its start");

	row.field[UPLOAD_COL_DATE] = "2025-02-29";
	row.field[UPLOAD_COL_END_TIME] = "24:60";
	ok(row_request_check(&row, &req, &msg) == -1, "a bad row is refused");
	ok(msg.data != NULL && strstr(msg.data, "date") != NULL &&
	    strstr(msg.data, "end_time") != NULL && strstr(msg.data, "; "),
	    "every problem is named: %s", msg.data ? msg.data : "");

	buf_reset(&msg);
	memset(longref, 'a', sizeof(longref) - 1);
	longref[sizeof(longref) - 1] = '\0';
	row.field[UPLOAD_COL_EMPLOYEE_REF] = longref;
	ok(row_request_check(&row, &req, &msg) == -1 && msg.data != NULL &&
	    strstr(msg.data, "employee_ref") != NULL,
	    "an employee_ref over its width is refused");

	buf_reset(&msg);
	row.error = "row has 5 fields, the header has 7";
	ok(row_request_check(&row, &req, &msg) == -1 &&
	    strcmp(msg.data, row.error) == 0, "the reader's error is kept");
	buf_free(&msg);
	return tap_done();
}
