/*
 * Endpoints of the contract that this build routes but does not yet
 * serve: each answers 501 "not_implemented".  A handler leaves this
 * file when its own file serves it.
 */
#include "config.h"

#include "api/handlers.h"
#include "api/request.h"

static void
not_implemented(struct api_request *r)
{
	api_reply_error(r, HTTP_NOT_IMPLEMENTED, NULL,
	    "%s %s is not available in this version", r->method, r->path);
}

void h_batch_list(struct api_request *r) { not_implemented(r); }
void h_batch_get(struct api_request *r) { not_implemented(r); }
void h_batch_delete(struct api_request *r) { not_implemented(r); }
void h_batch_results(struct api_request *r) { not_implemented(r); }
void h_batch_employees(struct api_request *r) { not_implemented(r); }
void h_batch_export(struct api_request *r) { not_implemented(r); }
void h_batch_cancel(struct api_request *r) { not_implemented(r); }
