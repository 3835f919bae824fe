/*
 * awardctl: administration commands.  Each command takes the
 * arguments after its name and returns the exit status.
 */
#ifndef AWARD_CTL_H
#define AWARD_CTL_H

#include <stddef.h>

#include "common/conf.h"

struct buf;
struct db;
struct ruleset;

struct ctl {
	const struct conf	*conf;	/* NULL until ctl_connect */
	struct db		*db;	/* NULL until ctl_connect */
	const char		*config;	/* --config FILE, or NULL */
	struct conf		 own;	/* what conf points at */
};

int	ctl_migrate(struct ctl *, int argc, char **argv);
int	ctl_org(struct ctl *, int argc, char **argv);
int	ctl_key(struct ctl *, int argc, char **argv);
int	ctl_rules(struct ctl *, int argc, char **argv);
int	ctl_calc(struct ctl *, int argc, char **argv);
int	ctl_check(struct ctl *, int argc, char **argv);
int	ctl_import_mapd(struct ctl *, int argc, char **argv);

/* Prints "awardctl: message" to stderr; returns 1. */
int	ctl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Reads the configuration and connects to the database, once: the
 * commands that can work without it call this only when they need
 * it.  Return 0, or 1 after printing why not.
 */
int	ctl_connect(struct ctl *);

/* The rule data's files: a folder's, or a version's in the database. */
struct ctl_file {
	char		*name;
	char		*text;
	size_t		 len;
};

struct ctl_files {
	struct ctl_file		*f;
	size_t			 n;
	unsigned long long	 version;	/* 0: from a folder */
};

/*
 * The rule files (*.rules, *.csv) of dir, sorted by name, or with dir
 * NULL those of the newest version in the database.  Return 0, or 1
 * after printing why not.  Free with ctl_files_free.
 */
int	ctl_files_load(struct ctl *, const char *dir, struct ctl_files *);
void	ctl_files_free(struct ctl_files *);

/* The files' award rules parsed; NULL after printing why not. */
struct ruleset	*ctl_files_ruleset(const struct ctl_files *);

/* The ruleset of dir, or of the database with dir NULL; as above. */
struct ruleset	*ctl_ruleset(struct ctl *, const char *dir);

/*
 * A whole file (path "-": stdin) of at most max bytes into b.
 * Return 0, or -1 with a message in err.
 */
int	ctl_read_all(const char *path, size_t max, struct buf *b,
	    char *err, size_t errlen);

#endif
