/*
 * The calculation endpoints: the award minimum of one shift, its
 * audited form (kept, and fetched again by id), and the risks of a
 * shift before and after the calculation.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "api/calc.h"
#include "api/handlers.h"
#include "api/request.h"
#include "api/rules_cache.h"
#include "api/server.h"
#include "common/conf.h"
#include "common/log.h"
#include "common/util.h"
#include "db/db.h"
#include "engine/input.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/risk.h"
#include "engine/risk_json.h"

#define ERR_LEN			256
#define SECONDS_PER_DAY		86400
/*
 * Rate years start on 1 July, when the eastern states keep standard
 * time (UTC+10): "today" for rates is that day there.  In summer it
 * turns an hour late, which no rate change ever falls in.
 */
#define RATE_DAY_OFFSET		(10 * 3600)
#define TIMESTAMP_LEN		24	/* "2026-03-16T09:12:44Z" */
/* A stored audit: the whole answer; bounded by the line item cap. */
#define AUDIT_MAX_ROWS		1

static const char sql_audit_insert[] =
    "INSERT INTO audits (id, org_id, created_at, rule_version_id,"
    " response) VALUES (?, ?, ?, ?, ?)";
static const char sql_audit_get[] =
    "SELECT response FROM audits WHERE id = ? AND org_id = ?";

int
calc_rate_today(void)
{
	long long	 t = (long long)time(NULL) + RATE_DAY_OFFSET;

	return (int)(t / SECONDS_PER_DAY);
}

void
calc_award_code(const char *in, char out[RULE_CODE_LEN])
{
	size_t	 i;

	for (i = 0; in[i] != '\0' && i + 1 < RULE_CODE_LEN; i++)
		out[i] = (char)toupper((unsigned char)in[i]);
	out[i] = '\0';
}

const struct ruleset *
calc_rules(struct api_request *r, unsigned long long *version)
{
	struct rules_cache	*c = server_worker_rules(r->worker);
	const struct ruleset	*rs;

	if ((rs = rules_cache_get(c, r->db, version)) == NULL) {
		api_header(r, "Retry-After", "%d", r->conf->db_retry_after);
		api_reply_error(r, HTTP_SERVICE_UNAVAILABLE, NULL,
		    "Award rule data is not available: %s", c->error);
	}
	return rs;
}

int
calc_read(struct api_request *r, struct pay_request *req)
{
	struct input_errors	 errs;
	json_object		*body;
	int			 rc;

	if ((body = api_read_json_object(r)) == NULL)
		return -1;
	rc = input_from_json(body, req, &errs);
	json_object_put(body);
	if (rc == 0)
		return 0;
	api_reply_error(r, HTTP_UNPROCESSABLE, input_errors_json(&errs),
	    "The request has %zu invalid field%s", errs.n + errs.dropped,
	    errs.n + errs.dropped == 1 ? "" : "s");
	return -1;
}

void
calc_fail(struct api_request *r, enum pay_error e, const char *err)
{
	json_object	*fields, *f;

	switch (e) {
	case PAY_ERR_AWARD:
	case PAY_ERR_CLASS:
	case PAY_ERR_NO_RATE:
		api_reply_error(r, HTTP_BAD_REQUEST, NULL, "%s", err);
		break;
	case PAY_ERR_INPUT:
	case PAY_ERR_CAPACITY:
		fields = json_object_new_array();
		f = json_object_new_object();
		json_object_object_add(f, "field",
		    json_object_new_string("request"));
		json_object_object_add(f, "msg", json_object_new_string(err));
		json_object_array_add(fields, f);
		api_reply_error(r, HTTP_UNPROCESSABLE, fields, "%s", err);
		break;
	default:
		log_error("api", r->request_id, "pay calculation: %s", err);
		api_reply_error(r, HTTP_INTERNAL_ERROR, NULL,
		    "An internal error occurred");
		break;
	}
}

/*
 * POST /api/v1/calculate-pay: the award minimum for one shift, as the
 * pay result.  With actual_pay, a pay_comparison too.  200; 400 for a
 * body that is not a JSON object or for an unknown award,
 * classification or rate date; 413 for a body over 1 MiB; 415 for a
 * body that is not JSON; 422 with fields for invalid fields; 503 when
 * no rule data is loaded.
 */
void
h_calculate_pay(struct api_request *r)
{
	struct pay_request	 req;
	struct pay_result	 res;
	struct pay_comparison	 cmp;
	const struct ruleset	*rs;
	enum pay_error		 e;
	char			 err[ERR_LEN];

	if (calc_read(r, &req) == -1 || (rs = calc_rules(r, NULL)) == NULL)
		return;
	if ((e = pay_calculate(rs, &req, &res, err, sizeof(err))) != PAY_OK) {
		calc_fail(r, e, err);
		return;
	}
	if (req.actual_cents != PAY_NONE)
		pay_compare(req.actual_cents, &res, &cmp);
	api_reply_json(r, HTTP_OK, pay_json_result(&res,
	    req.actual_cents != PAY_NONE ? &cmp : NULL));
}

/* Now, as the contract's timestamp and as a DATETIME for the store. */
static void
now_utc(char iso[TIMESTAMP_LEN], char sql[TIMESTAMP_LEN])
{
	struct tm	 tm;
	time_t		 t = time(NULL);

	gmtime_r(&t, &tm);
	strftime(iso, TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(sql, TIMESTAMP_LEN, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Keeps the audited answer; returns a db_status. */
static int
audit_store(struct api_request *r, const char *id, const char *created,
    unsigned long long version, json_object *o)
{
	struct db_param	 p[5];
	const char	*text;
	size_t		 len;

	text = json_object_to_json_string_length(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	p[0] = DB_STR(id);
	p[1] = DB_INT(r->key.org_id);
	p[2] = DB_STR(created);
	p[3] = version != 0 ? DB_INT(version) : DB_NULL;
	p[4] = DB_STRN(text, len);
	return (int)db_exec(r->db, sql_audit_insert, p, DB_NPARAMS(p));
}

/*
 * POST /api/v1/calculate-pay-audited: the same calculation with every
 * rule looked at, every rounding and the rate derivation, kept under
 * a new audit_id for GET /api/v1/audits/{id}.  200; 400, 413, 415,
 * 422 as for calculate-pay; 503 when no rule data is loaded or the
 * audit cannot be stored (with Retry-After).
 */
void
h_calculate_pay_audited(struct api_request *r)
{
	struct pay_request	 req;
	struct pay_result	 res;
	struct pay_audit	 au;
	struct pay_comparison	 cmp;
	struct pay_json_version	 ver;
	const struct ruleset	*rs;
	json_object		*o;
	enum pay_error		 e;
	char			 err[ERR_LEN], id[UUID_STRLEN];
	char			 iso[TIMESTAMP_LEN], sql[TIMESTAMP_LEN];
	int			 rc;

	if (calc_read(r, &req) == -1 ||
	    (rs = calc_rules(r, &ver.rule_data_version)) == NULL)
		return;
	if ((e = pay_calculate_audited(rs, &req, &res, &au, err,
	    sizeof(err))) != PAY_OK) {
		calc_fail(r, e, err);
		return;
	}
	if (uuid_v4(id) == -1) {
		log_error("api", r->request_id, "no random bytes for an id");
		api_reply_error(r, HTTP_INTERNAL_ERROR, NULL,
		    "An internal error occurred");
		return;
	}
	now_utc(iso, sql);
	/* XXX: audits are kept for good: there is no retention period
	 * and no way to delete one yet. */
	if (req.actual_cents != PAY_NONE)
		pay_compare(req.actual_cents, &res, &cmp);

	o = json_object_new_object();
	json_object_object_add(o, "pay_result", pay_json_result(&res,
	    req.actual_cents != PAY_NONE ? &cmp : NULL));
	json_object_object_add(o, "audit_id", json_object_new_string(id));
	json_object_object_add(o, "calculated_at",
	    json_object_new_string(iso));
	pay_json_audit_add(o, &res, &au, &ver);
	if (au.ntrace_dropped > 0)
		/* XXX: the engine keeps at most PAY_MAX_TRACE rules; the
		 * rest are only counted, and said so here. */
		json_object_object_add(o, "rules_not_listed",
		    json_object_new_int(au.ntrace_dropped));

	if ((rc = audit_store(r, id, sql, ver.rule_data_version, o)) < 0) {
		json_object_put(o);
		api_reply_db_error(r, rc);
		return;
	}
	api_reply_json(r, HTTP_OK, o);
}

/*
 * GET /api/v1/audits/{id}: an audited calculation again, exactly as
 * it was answered.  Only the organisation that made it sees it.  200;
 * 404 for an id that is malformed, unknown or another organisation's
 * (the same answer for each); 503 with the database down.
 */
void
h_audit_get(struct api_request *r)
{
	struct db_result	 res;
	struct db_param		 p[2];
	json_object		*o = NULL;
	const char		*text;
	size_t			 found;
	int			 rc;

	if (!uuid_valid(r->param[0])) {
		api_reply_error(r, HTTP_NOT_FOUND, NULL, "Audit %s not found",
		    r->param[0]);
		return;
	}
	p[0] = DB_STR(r->param[0]);
	p[1] = DB_INT(r->key.org_id);
	rc = db_query(r->db, sql_audit_get, p, DB_NPARAMS(p), AUDIT_MAX_ROWS,
	    &res);
	if (rc != DB_OK) {
		db_result_free(&res);
		api_reply_db_error(r, rc);
		return;
	}
	found = res.nrows;
	if (found == 1 && (text = db_result_get(&res, 0, 0)) != NULL)
		o = json_tokener_parse(text);
	db_result_free(&res);
	if (o == NULL) {
		if (found == 1)
			log_error("api", r->request_id, "audit %s: stored "
			    "answer is not JSON", r->param[0]);
		api_reply_error(r, HTTP_NOT_FOUND, NULL, "Audit %s not found",
		    r->param[0]);
		return;
	}
	api_reply_json(r, HTTP_OK, o);
}

/*
 * POST /api/v1/detect-risks: the risks seen from the request alone,
 * before any calculation; an unknown award or classification is a
 * risk here, not an error.  200 with the risk envelope (detection_mode
 * "pre_calc"); 400, 413, 415, 422 as for calculate-pay; 503 when no
 * rule data is loaded.
 */
void
h_detect_risks(struct api_request *r)
{
	struct pay_request	 req;
	struct risk_list	 risks;
	const struct ruleset	*rs;

	if (calc_read(r, &req) == -1 || (rs = calc_rules(r, NULL)) == NULL)
		return;
	risk_list_init(&risks);
	risk_detect_pre(rs, &req, &risks);
	api_reply_json(r, HTTP_OK, risk_json_envelope(&risks, "pre_calc"));
}

/*
 * POST /api/v1/detect-risks-from-calculation: calculates the shift and
 * gives the risks seen in the result (with actual_pay, the comparison
 * and UNDERPAYMENT), the envelope with detection_mode "post_calc" and
 * the pay_result.  A shift that cannot be calculated (unknown award or
 * classification, no rate on the date) is answered with the risks
 * that say why and a null pay_result.  200; 413, 415, 422 as for
 * calculate-pay; 503 when no rule data is loaded.
 */
void
h_detect_risks_post(struct api_request *r)
{
	struct pay_request	 req;
	struct pay_result	 res;
	struct pay_comparison	 cmp;
	struct risk_list	 risks;
	const struct ruleset	*rs;
	json_object		*o;
	enum pay_error		 e;
	char			 err[ERR_LEN];
	int			 has_cmp;

	if (calc_read(r, &req) == -1 || (rs = calc_rules(r, NULL)) == NULL)
		return;
	risk_list_init(&risks);
	e = pay_calculate(rs, &req, &res, err, sizeof(err));
	if (e != PAY_OK && e != PAY_ERR_AWARD && e != PAY_ERR_CLASS &&
	    e != PAY_ERR_NO_RATE) {
		calc_fail(r, e, err);
		return;
	}
	if (e != PAY_OK) {
		risk_detect_pre(rs, &req, &risks);
		o = risk_json_envelope(&risks, "post_calc");
		json_object_object_add(o, "pay_result", NULL);
		api_reply_json(r, HTTP_OK, o);
		return;
	}
	risk_detect_post(&req, &res, &risks, &cmp);
	has_cmp = req.actual_cents != PAY_NONE;
	o = risk_json_envelope(&risks, "post_calc");
	json_object_object_add(o, "pay_result",
	    pay_json_result(&res, has_cmp ? &cmp : NULL));
	api_reply_json(r, HTTP_OK, o);
}
