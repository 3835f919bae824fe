#include "config.h"

#include <stdio.h>
#include <string.h>

#include "api/auth.h"
#include "api/handlers.h"
#include "api/request.h"
#include "api/router.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/util.h"

#define ALLOW_MAX	64

/* Every path of the contract.  Health needs no key and has no limit. */
static const struct route routes[] = {
	{ "GET", "/health", LIMIT_NONE, h_health },
	{ "GET", "/api/v1/health", LIMIT_NONE, h_health },
	{ "POST", "/api/v1/calculate-pay", LIMIT_CALC, h_calculate_pay },
	{ "POST", "/api/v1/calculate-pay-audited",
	    LIMIT_CALC, h_calculate_pay_audited },
	{ "POST", "/api/v1/detect-risks", LIMIT_CALC, h_detect_risks },
	{ "POST", "/api/v1/detect-risks-from-calculation",
	    LIMIT_CALC, h_detect_risks_post },
	{ "POST", "/api/v1/compare-awards", LIMIT_CALC, h_compare_awards },
	{ "GET", "/api/v1/awards", LIMIT_OTHER, h_awards_list },
	{ "GET", "/api/v1/awards/{}", LIMIT_OTHER, h_award_get },
	{ "GET", "/api/v1/awards/{}/classifications",
	    LIMIT_OTHER, h_award_classifications },
	{ "GET", "/api/v1/awards/{}/versions", LIMIT_OTHER, h_award_versions },
	{ "GET", "/api/v1/audits/{}", LIMIT_OTHER, h_audit_get },
	{ "POST", "/api/v1/batches/upload", LIMIT_CALC, h_batch_upload },
	{ "POST", "/api/v1/batches", LIMIT_CALC, h_batch_upload },
	{ "GET", "/api/v1/batches", LIMIT_OTHER, h_batch_list },
	{ "GET", "/api/v1/batches/{}", LIMIT_OTHER, h_batch_get },
	{ "DELETE", "/api/v1/batches/{}", LIMIT_OTHER, h_batch_delete },
	{ "GET", "/api/v1/batches/{}/results", LIMIT_OTHER, h_batch_results },
	{ "GET", "/api/v1/batches/{}/employees",
	    LIMIT_OTHER, h_batch_employees },
	{ "GET", "/api/v1/batches/{}/export", LIMIT_OTHER, h_batch_export },
	{ "POST", "/api/v1/batches/{}/export", LIMIT_OTHER, h_batch_export },
	{ "POST", "/api/v1/batches/{}/cancel", LIMIT_OTHER, h_batch_cancel },
};

/*
 * Matches path against pattern segment by segment; "{}" takes one
 * non-empty segment into the request's parameters.
 */
static int
route_match(const char *pattern, const char *path, struct api_request *r)
{
	size_t	 np = 0, seg;

	while (*pattern != '\0' && *path != '\0') {
		if (strncmp(pattern, "{}", 2) == 0) {
			seg = strcspn(path, "/");
			if (seg == 0 || seg > PATH_PARAM_MAX ||
			    np == PATH_PARAMS_MAX)
				return 0;
			memcpy(r->param[np], path, seg);
			r->param[np++][seg] = '\0';
			path += seg;
			pattern += 2;
		} else if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == '\0' && *path == '\0';
}

/*
 * The route for the request, or NULL with the methods the path takes in
 * allow.  A path that a pattern without parameters names belongs to
 * those routes alone ("/batches/upload" is not a batch id).
 */
static const struct route *
route_find(struct api_request *r, struct buf *allow)
{
	const struct route	*found = NULL;
	size_t			 i, n = sizeof(routes) / sizeof(routes[0]);
	int			 literal = 0;

	for (i = 0; i < n; i++)
		if (strstr(routes[i].pattern, "{}") == NULL &&
		    strcmp(routes[i].pattern, r->path) == 0)
			literal = 1;
	for (i = 0; i < n; i++) {
		if (literal && strstr(routes[i].pattern, "{}") != NULL)
			continue;
		if (!route_match(routes[i].pattern, r->path, r))
			continue;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0)) {
			found = &routes[i];
			break;
		}
		buf_printf(allow, "%s%s", allow->len > 0 ? ", " : "",
		    routes[i].method);
	}
	/* The parameters may belong to a route that matched the path only. */
	if (found != NULL)
		route_match(found->pattern, r->path, r);
	return found;
}

/* Takes the client's X-Request-Id when it is short and plain. */
static void
request_id_set(struct api_request *r)
{
	const char	*h = api_param(r, "HTTP_X_REQUEST_ID");
	size_t		 i, n;

	if (h != NULL && (n = strlen(h)) > 0 && n <= REQUEST_ID_MAX) {
		for (i = 0; i < n; i++)
			if (!((h[i] >= 'a' && h[i] <= 'z') ||
			    (h[i] >= 'A' && h[i] <= 'Z') ||
			    (h[i] >= '0' && h[i] <= '9') ||
			    h[i] == '-' || h[i] == '_' || h[i] == '.'))
				break;
		if (i == n) {
			memcpy(r->request_id, h, n + 1);
			return;
		}
	}
	if (random_hex(r->request_id, 16) == -1)
		snprintf(r->request_id, sizeof(r->request_id), "unknown");
}

/* Splits REQUEST_URI into path and query. */
static void
request_path_set(struct api_request *r)
{
	const char	*uri = api_param(r, "REQUEST_URI");
	char		*q;

	if (uri == NULL)
		uri = api_param(r, "SCRIPT_NAME");
	snprintf(r->path_buf, sizeof(r->path_buf), "%s",
	    uri != NULL ? uri : "/");
	if ((q = strchr(r->path_buf, '?')) != NULL) {
		*q = '\0';
		r->query = api_param(r, "QUERY_STRING");
	}
	if (r->query == NULL)
		r->query = "";
	r->path = r->path_buf;
}

void
api_dispatch(struct api_request *r)
{
	const struct route	*rt;
	struct buf		 allow;
	char			 allow_s[ALLOW_MAX];

	r->started_ms = clock_ms();
	request_id_set(r);
	request_path_set(r);
	r->method = api_param(r, "REQUEST_METHOD");
	if (r->method == NULL)
		r->method = "GET";

	buf_init(&allow, ALLOW_MAX - 1);
	rt = route_find(r, &allow);
	snprintf(allow_s, sizeof(allow_s), "%s",
	    allow.data != NULL ? allow.data : "");
	buf_free(&allow);

	if (rt == NULL && allow_s[0] != '\0') {
		api_header(r, "Allow", "%s", allow_s);
		api_reply_error(r, HTTP_METHOD_NOT_ALLOWED, NULL,
		    "Method %s is not allowed here; allowed: %s", r->method,
		    allow_s);
	} else if (rt == NULL)
		api_reply_error(r, HTTP_NOT_FOUND, NULL,
		    "No such endpoint: %s", r->path);
	else if (rt->limit == LIMIT_NONE)
		rt->handler(r);
	else if (auth_admit(r, rt->limit) == 0)
		rt->handler(r);

	if (!r->answered) {
		log_error("api", r->request_id, "handler gave no answer");
		api_reply_error(r, HTTP_INTERNAL_ERROR, NULL,
		    "An internal error occurred");
	}
	log_info("api", r->request_id, "%s %s %d %.1fms org=%s", r->method,
	    r->path, r->status, clock_ms() - r->started_ms,
	    r->authenticated ? r->key.org_name : "-");
}
