/*
 * The table of every path in the contract, and the dispatch of one
 * request: request id, routing (404, 405 with Allow), authentication,
 * rate limit, the handler, and the request's log line.
 */
#ifndef AWARD_API_ROUTER_H
#define AWARD_API_ROUTER_H

struct api_request;

typedef void (*api_handler)(struct api_request *);

/* Which per-minute limit a route counts against. */
enum route_limit {
	LIMIT_NONE,		/* health: not limited, no key needed */
	LIMIT_CALC,		/* calculations and uploads */
	LIMIT_OTHER,		/* everything else */
	LIMIT__MAX
};

struct route {
	const char		*method;
	const char		*pattern;	/* "{}" matches one segment */
	enum route_limit	 limit;
	api_handler		 handler;
};

/* Answers the request; always leaves it answered. */
void	api_dispatch(struct api_request *);

#endif
