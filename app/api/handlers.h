/*
 * The request handlers.  Each answers its request exactly once.  Path
 * parameters ("{}" in the route) are in r->param[0], r->param[1].
 */
#ifndef AWARD_API_HANDLERS_H
#define AWARD_API_HANDLERS_H

struct api_request;

/* GET /health: 200 with the database up, 503 with it down. */
void	h_health(struct api_request *);

/* An endpoint of the contract that this build does not serve: 501. */
void	h_not_implemented(struct api_request *);

#endif
