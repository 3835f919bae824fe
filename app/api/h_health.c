#include "config.h"

#include "api/handlers.h"
#include "api/request.h"
#include "common/conf.h"
#include "db/db.h"

/*
 * GET /api/v1/health and /health.  200 {"status": "ok", "database":
 * "ok"} when the database answers; 503 with "database": "unavailable"
 * and Retry-After when it does not.
 */
void
h_health(struct api_request *r)
{
	json_object	*o;
	int		 up;

	up = db_ping(r->db) == DB_OK;
	o = json_object_new_object();
	json_object_object_add(o, "status",
	    json_object_new_string(up ? "ok" : "degraded"));
	json_object_object_add(o, "database",
	    json_object_new_string(up ? "ok" : "unavailable"));
	json_object_object_add(o, "version",
	    json_object_new_string(PACKAGE_VERSION));
	if (!up)
		api_header(r, "Retry-After", "%d", r->conf->db_retry_after);
	api_reply_json(r, up ? HTTP_OK : HTTP_SERVICE_UNAVAILABLE, o);
}
