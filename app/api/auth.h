/*
 * Authentication by API key, and the per-key request limits that every
 * API process and host shares through the database.
 */
#ifndef AWARD_API_AUTH_H
#define AWARD_API_AUTH_H

#include "api/router.h"

struct api_request;

/*
 * Checks the Authorization header.  Return 0 with r->key filled, or -1
 * after answering 401, 403 or 503.
 */
int	auth_check(struct api_request *);

/*
 * Counts the request against the key's limit for its category and adds
 * the X-RateLimit headers.  Return 0, or -1 after answering 429 (or
 * 503).
 */
int	rate_limit_check(struct api_request *, enum route_limit);

#endif
