/*
 * The pre-forking FastCGI server: a parent that keeps N worker
 * processes alive, each accepting requests on the shared listening
 * socket with its own database connection.
 */
#ifndef AWARD_API_SERVER_H
#define AWARD_API_SERVER_H

struct api_worker;
struct conf;
struct rules_cache;

/*
 * Opens the listening socket: conf->listen ("host:port" or a socket
 * path), or the socket inherited as fd 0 when listen is empty.
 * Returns the descriptor, or -1 with a message in err.
 */
int	server_listen(const struct conf *, char *err, size_t errlen);

/*
 * Runs the parent until SIGTERM or SIGINT, then lets the workers finish
 * the request in hand.  Returns the exit status.
 */
int	server_run(const struct conf *, int listen_fd);

/* The rule data of the worker serving a request. */
struct rules_cache	*server_worker_rules(struct api_worker *);

#endif
