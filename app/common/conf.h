/*
 * The configuration file shared by every program: "key = value" lines,
 * '#' comments.  The database password may also come from a file named
 * in the configuration or from the AWARD_DB_PASSWORD environment
 * variable; it is never logged.
 */
#ifndef AWARD_CONF_H
#define AWARD_CONF_H

#include <stddef.h>

#define CONF_STR_MAX	512

/* Where a program looks when given no --config and no $AWARD_CONF. */
#define CONF_DEFAULT_PATH	AWARD_SYSCONFDIR "/award.conf"

struct conf {
	char	db_host[CONF_STR_MAX];
	int	db_port;
	char	db_socket[CONF_STR_MAX];
	char	db_name[CONF_STR_MAX];
	char	db_user[CONF_STR_MAX];
	char	db_password[CONF_STR_MAX];

	char	listen[CONF_STR_MAX];	/* host:port, a socket path, or "" */
	int	workers;
	int	listen_backlog;
	size_t	max_body_bytes;
	int	db_retry_after;		/* seconds, for 503 answers */

	int	log_syslog;
	int	log_debug;

	char	sql_dir[CONF_STR_MAX];
	char	rules_dir[CONF_STR_MAX];

	int	poll_interval_ms;	/* processor: idle sleep */
	int	chunk_rows;		/* processor: rows per transaction */
	int	lease_seconds;		/* processor: claim lifetime */
};

void	conf_defaults(struct conf *);

/*
 * Reads path over the defaults.  Return 0, or -1 with a message in err.
 */
int	conf_load(struct conf *, const char *path, char *err, size_t errlen);

/* The path from --config, else $AWARD_CONF, else the default. */
const char *conf_path(const char *given);

#endif
