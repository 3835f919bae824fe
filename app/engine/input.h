/*
 * The request of one shift, from the outside world to struct
 * pay_request, with the contract's validation (SPEC.md, "Calculate
 * pay").  One setter takes a field by name and its value as text, so
 * that a JSON body and a CSV row are read the same way; a JSON front
 * adds the checks of JSON types.  Every problem is collected as a
 * {field, msg} pair, so that one answer names them all.  Pure: no
 * I/O, no logging, no allocation beyond json-c's own lookups.
 */
#ifndef AWARD_INPUT_H
#define AWARD_INPUT_H

#include <stddef.h>

#include <json-c/json.h>

#include "engine/pay.h"

#define INPUT_MAX_ERRORS	16
#define INPUT_FIELD_LEN		64
#define INPUT_MSG_LEN		96

/* The fields of a request, whatever a file calls them. */
enum input_field {
	INPUT_AWARD_CODE,
	INPUT_CLASSIFICATION,
	INPUT_EMP_TYPE,
	INPUT_WORKER_TYPE,
	INPUT_WORK_DATE,
	INPUT_START_TIME,
	INPUT_END_TIME,
	INPUT_BREAK_MINUTES,
	INPUT_TOTAL_HOURS,
	INPUT_HOURS_TODAY,
	INPUT_HOURS_WEEK,
	INPUT_PUBLIC_HOLIDAY,
	INPUT_STATE,
	INPUT_AGE,
	INPUT_PAY_PERIOD_START,
	INPUT_FIRST_AID,
	INPUT_LAUNDRY,
	INPUT_MEAL,
	INPUT_ACTUAL_PAY,
	INPUT__MAX
};

/* Where the text comes from: a CSV row also takes DD/MM/YYYY dates. */
enum input_mode {
	INPUT_MODE_JSON,
	INPUT_MODE_CSV
};

struct input_error {
	char	 field[INPUT_FIELD_LEN];
	char	 msg[INPUT_MSG_LEN];
};

/* The problems found, in the order found; past the cap they are only
 * counted. */
struct input_errors {
	struct input_error	 e[INPUT_MAX_ERRORS];
	size_t			 n;
	size_t			 dropped;
};

/* One request being read; the caller owns req and errs. */
struct input {
	struct pay_request	*req;
	struct input_errors	*errs;
	enum input_mode		 mode;
	unsigned char		 seen[INPUT__MAX];
	unsigned char		 bad[INPUT__MAX];
	const char		*given[INPUT__MAX];	/* name as given */
};

/* Starts reading into req (which is reset) and errs (emptied). */
void	input_begin(struct input *, enum input_mode,
	    struct pay_request *req, struct input_errors *errs);

/*
 * The field a name means: the contract's names and the CSV upload
 * names ("classification", "emp_type", "date", "break_minutes",
 * "hours").  Case matters not.  -1 for a name the product does not use.
 */
int	input_field_lookup(const char *name);

/* The contract's name of a field ("classification_code"). */
const char	*input_field_name(enum input_field);

/*
 * Sets a field from its text.  An empty text is an absent field.
 * name is how the caller spells it, for messages (NULL: the contract's
 * name); the caller keeps it alive until input_finish.  Return 0, or
 * -1 with the problem added to the errors.
 */
int	input_set(struct input *, enum input_field, const char *name,
	    const char *value);

/* By name; an unknown name is ignored (return 0). */
int	input_set_named(struct input *, const char *name, const char *value);

/*
 * An additional allowance: code and a quantity as text ("2.5"), or
 * NULL for "true".  Return 0 or -1 (an error added).
 */
int	input_allowance_add(struct input *, const char *code,
	    const char *quantity);

/* Adds an error by hand (for a caller's own checks). */
void	input_error_add(struct input_errors *, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * The checks across fields: the required ones, times or hours, the
 * break against the shift.  Return 0 when the request is valid, -1
 * when errs holds at least one problem.
 */
int	input_finish(struct input *);

/*
 * A calculate-pay JSON body into req: every field of the contract,
 * with JSON types checked (a string where a number belongs is an
 * error, booleans must be JSON booleans) and additional_allowances.
 * Unknown keys are ignored.  Return 0, or -1 with errs filled.
 */
int	input_from_json(json_object *, struct pay_request *req,
	    struct input_errors *errs);

/* The errors as the contract's "fields" array; the caller owns it. */
json_object	*input_errors_json(const struct input_errors *);

#endif
