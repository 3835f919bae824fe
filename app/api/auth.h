/*
 * Authentication by API key, and the per-key request limits that every
 * API process and host shares through the database.
 */
#ifndef AWARD_API_AUTH_H
#define AWARD_API_AUTH_H

#include "api/router.h"

struct api_request;

/*
 * Checks the Authorization header and counts the request against the
 * key's per-minute limit for its category, adding the X-RateLimit
 * headers.  Return 0 with r->key filled, or -1 after answering 401,
 * 403, 429 or 503.  A revoked key or a suspended organisation is
 * refused from the next request on.
 */
int	auth_admit(struct api_request *, enum route_limit);

#endif
