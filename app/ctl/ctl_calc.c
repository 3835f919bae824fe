/*
 * awardctl calc: the award minimum for one shift, as the API's
 * calculate-pay answer, from a calculate-pay JSON body on stdin or
 * from --FIELD VALUE flags.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "common/buf.h"
#include "ctl/ctl.h"
#include "engine/input.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/risk.h"
#include "engine/ruleset.h"

/* The API takes calculate-pay bodies of at most 1 MiB; so does this. */
#define CALC_BODY_MAX		(1024 * 1024)
#define CALC_ERR_LEN		512
#define CALC_FLAG_LEN		INPUT_FIELD_LEN
#define CALC_JSON_DEPTH		16	/* as the API */
#define CALC_JSON_FLAGS		(JSON_C_TO_STRING_PLAIN | \
				    JSON_C_TO_STRING_NOSLASHESCAPE)

struct calc_args {
	const char	*rules;		/* --rules DIR, or NULL */
	int		 nfields;	/* --FIELD VALUE flags given */
};

/* Prints a JSON value and a line end to stdout. */
static void
json_print(json_object *o)
{
	size_t		 len;
	const char	*text;

	text = json_object_to_json_string_length(o, CALC_JSON_FLAGS, &len);
	fwrite(text, 1, len, stdout);
	fputc('\n', stdout);
}

/* The {field, msg} list on stdout, its count on stderr; exit 1. */
static int
calc_invalid(const struct input_errors *errs)
{
	json_object	*o;

	o = json_object_new_object();
	json_object_object_add(o, "fields", input_errors_json(errs));
	json_print(o);
	json_object_put(o);
	return ctl_fail("calc: the request has %zu invalid field%s",
	    errs->n + errs->dropped, errs->n + errs->dropped == 1 ? "" :
	    "s");
}

/* The JSON value of text, or NULL with the reason in err. */
static json_object *
calc_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct json_tokener	*tok;
	enum json_tokener_error	 jerr;
	json_object		*o;
	size_t			 end;

	if ((tok = json_tokener_new_ex(CALC_JSON_DEPTH)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (jerr == json_tokener_success && end < len &&
	    isspace((unsigned char)text[end]))
		end++;
	if (jerr != json_tokener_success)
		snprintf(err, errlen, "the body is not valid JSON: %s",
		    jerr == json_tokener_continue ? "incomplete" :
		    json_tokener_error_desc(jerr));
	else if (end < len)
		snprintf(err, errlen, "unexpected text after the JSON value");
	else if (!json_object_is_type(o, json_type_object))
		snprintf(err, errlen, "the body is not a JSON object");
	else
		return o;
	json_object_put(o);
	return NULL;
}

/* The body on stdin, read as the API reads it. */
static int
calc_read_json(struct pay_request *req, struct input_errors *errs)
{
	json_object	*body;
	struct buf	 b;
	char		 err[CALC_ERR_LEN];
	int		 rc;

	if (ctl_read_all("-", CALC_BODY_MAX, &b, err, sizeof(err)) == -1)
		return ctl_fail("calc: %s", err);
	body = calc_parse(b.data, b.len, err, sizeof(err));
	buf_free(&b);
	if (body == NULL)
		return ctl_fail("calc: %s", err);
	rc = input_from_json(body, req, errs) == 0 ? 0 :
	    calc_invalid(errs);
	json_object_put(body);
	return rc;
}

/* "--award-code" or "--award_code" to the field's name. */
static void
flag_name(const char *flag, char *out, size_t len)
{
	size_t	 i;

	for (i = 0; flag[i] != '\0' && i + 1 < len; i++)
		out[i] = flag[i] == '-' ? '_' : flag[i];
	out[i] = '\0';
}

/* The --FIELD VALUE flags, read as the CSV upload reads its cells. */
static int
calc_read_flags(int argc, char **argv, struct pay_request *req,
    struct input_errors *errs)
{
	struct input	 in;
	char		 name[CALC_FLAG_LEN];
	char		*eq;
	int		 i, f;

	input_begin(&in, INPUT_MODE_CSV, req, errs);
	for (i = 0; i < argc; i += 2) {
		if (strcmp(argv[i], "--rules") == 0)
			continue;
		if (strcmp(argv[i], "--allowance") == 0) {
			if ((eq = strchr(argv[i + 1], '=')) != NULL)
				*eq++ = '\0';
			input_allowance_add(&in, argv[i + 1], eq);
			continue;
		}
		flag_name(argv[i] + 2, name, sizeof(name));
		if ((f = input_field_lookup(name)) < 0)
			return ctl_fail("calc: %s: not a field of the "
			    "request", argv[i]);
		input_set(&in, (enum input_field)f, argv[i] + 2,
		    argv[i + 1]);
	}
	return input_finish(&in) == 0 ? 0 : calc_invalid(errs);
}

static int
calc_args(int argc, char **argv, struct calc_args *a)
{
	int	 i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < argc; i += 2) {
		if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0' ||
		    i + 1 == argc)
			return ctl_fail("usage: calc [--rules DIR] "
			    "[--FIELD VALUE ...] [--allowance CODE[=QTY]]");
		if (strcmp(argv[i], "--rules") == 0)
			a->rules = argv[i + 1];
		else
			a->nfields++;
	}
	return 0;
}

int
ctl_calc(struct ctl *c, int argc, char **argv)
{
	struct calc_args	 a;
	struct input_errors	 errs;
	struct pay_request	 req;
	struct pay_result	 res;
	struct pay_comparison	 cmp;
	struct ruleset		*rs;
	json_object		*o;
	char			 err[CALC_ERR_LEN];
	int			 rc;

	if ((rc = calc_args(argc, argv, &a)) != 0)
		return rc;
	rc = a.nfields > 0 ? calc_read_flags(argc, argv, &req, &errs) :
	    calc_read_json(&req, &errs);
	if (rc != 0)
		return rc;
	if ((rs = ctl_ruleset(c, a.rules)) == NULL)
		return 1;
	if (pay_calculate(rs, &req, &res, err, sizeof(err)) != PAY_OK)
		rc = ctl_fail("calc: %s", err);
	else {
		if (req.actual_cents != PAY_NONE)
			pay_compare(req.actual_cents, &res, &cmp);
		o = pay_json_result(&res,
		    req.actual_cents != PAY_NONE ? &cmp : NULL);
		json_print(o);
		json_object_put(o);
	}
	ruleset_free(rs);
	return rc;
}
