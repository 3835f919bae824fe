#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/conf.h"
#include "common/util.h"

#define CONF_LINE_MAX		1024
#define DEFAULT_MAX_BODY	(10 * 1024 * 1024 + 64 * 1024)

enum conf_type {
	CT_STR,
	CT_INT,
	CT_SIZE,
	CT_BOOL,
};

struct conf_key {
	const char	*name;
	enum conf_type	 type;
	size_t		 offset;
	long long	 min, max;
};

#define KEY_STR(n, f)	{ n, CT_STR, offsetof(struct conf, f), 0, 0 }
#define KEY_INT(n, f, lo, hi) \
	{ n, CT_INT, offsetof(struct conf, f), (lo), (hi) }
#define KEY_BOOL(n, f)	{ n, CT_BOOL, offsetof(struct conf, f), 0, 1 }

static const struct conf_key conf_keys[] = {
	KEY_STR("db_host", db_host),
	KEY_INT("db_port", db_port, 1, 65535),
	KEY_STR("db_socket", db_socket),
	KEY_STR("db_name", db_name),
	KEY_STR("db_user", db_user),
	KEY_STR("db_password", db_password),
	KEY_STR("db_password_file", db_password),	/* read below */
	KEY_STR("listen", listen),
	KEY_INT("workers", workers, 1, 256),
	KEY_INT("listen_backlog", listen_backlog, 1, 65535),
	{ "max_body_bytes", CT_SIZE, offsetof(struct conf, max_body_bytes),
	    1024, 1024LL * 1024 * 1024 },
	KEY_INT("db_retry_after", db_retry_after, 1, 3600),
	KEY_BOOL("log_syslog", log_syslog),
	KEY_BOOL("log_debug", log_debug),
	KEY_STR("sql_dir", sql_dir),
	KEY_STR("rules_dir", rules_dir),
	KEY_INT("poll_interval_ms", poll_interval_ms, 1, 60000),
	KEY_INT("chunk_rows", chunk_rows, 1, 100000),
	KEY_INT("lease_seconds", lease_seconds, 5, 3600),
};

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->db_host, sizeof(c->db_host), "127.0.0.1");
	c->db_port = 3306;
	snprintf(c->db_name, sizeof(c->db_name), "award");
	snprintf(c->db_user, sizeof(c->db_user), "award");
	c->workers = 4;
	c->listen_backlog = 128;
	c->max_body_bytes = DEFAULT_MAX_BODY;
	c->db_retry_after = 5;
	snprintf(c->sql_dir, sizeof(c->sql_dir), "%s/sql", AWARD_DATADIR);
	snprintf(c->rules_dir, sizeof(c->rules_dir), "%s/rules",
	    AWARD_DATADIR);
	c->poll_interval_ms = 500;
	c->chunk_rows = 1000;
	c->lease_seconds = 30;
}

const char *
conf_path(const char *given)
{
	const char	*env;

	if (given != NULL)
		return given;
	if ((env = getenv("AWARD_CONF")) != NULL && *env != '\0')
		return env;
	return CONF_DEFAULT_PATH;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Reads the first line of a password file into the configuration. */
static int
conf_read_password(struct conf *c, const char *path, char *err,
    size_t errlen)
{
	FILE	*f;
	char	 line[CONF_STR_MAX];

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot open db_password_file %s: %s",
		    path, strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	snprintf(c->db_password, sizeof(c->db_password), "%s", line);
	return 0;
}

static int
conf_set(struct conf *c, const struct conf_key *k, const char *val,
    char *err, size_t errlen)
{
	char		*field = (char *)c + k->offset;
	long long	 v;

	switch (k->type) {
	case CT_STR:
		if (strlen(val) >= CONF_STR_MAX) {
			snprintf(err, errlen, "%s: value too long", k->name);
			return -1;
		}
		if (strcmp(k->name, "db_password_file") == 0)
			return conf_read_password(c, val, err, errlen);
		snprintf(field, CONF_STR_MAX, "%s", val);
		return 0;
	case CT_BOOL:
		if (strcmp(val, "yes") == 0 || strcmp(val, "true") == 0 ||
		    strcmp(val, "1") == 0)
			v = 1;
		else if (strcmp(val, "no") == 0 ||
		    strcmp(val, "false") == 0 || strcmp(val, "0") == 0)
			v = 0;
		else
			break;
		*(int *)field = (int)v;
		return 0;
	case CT_INT:
	case CT_SIZE:
		if (parse_long(val, k->min, k->max, &v) == -1)
			break;
		if (k->type == CT_INT)
			*(int *)field = (int)v;
		else
			*(size_t *)field = (size_t)v;
		return 0;
	}
	snprintf(err, errlen, "%s: bad value", k->name);
	return -1;
}

int
conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	FILE	*f;
	char	 line[CONF_LINE_MAX], *p, *eq, *key, *val;
	size_t	 i;
	int	 lineno = 0, rc = 0;
	char	*env;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		p = trim(line);
		if (*p == '#' || *p == '\0')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value",
			    path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		key = trim(p);
		val = trim(eq + 1);
		for (i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
			if (strcmp(conf_keys[i].name, key) == 0)
				break;
		if (i == sizeof(conf_keys) / sizeof(conf_keys[0])) {
			snprintf(err, errlen, "%s:%d: unknown key %s", path,
			    lineno, key);
			rc = -1;
		} else if (conf_set(c, &conf_keys[i], val, err, errlen) == -1)
			rc = -1;
	}
	fclose(f);
	if (rc == 0 && (env = getenv("AWARD_DB_PASSWORD")) != NULL)
		snprintf(c->db_password, sizeof(c->db_password), "%s", env);
	return rc;
}
