/*
 * awardctl: administration commands.  Each command takes the
 * arguments after its name and returns the exit status.
 */
#ifndef AWARD_CTL_H
#define AWARD_CTL_H

struct conf;
struct db;

struct ctl {
	const struct conf	*conf;
	struct db		*db;
};

int	ctl_migrate(struct ctl *, int argc, char **argv);
int	ctl_org(struct ctl *, int argc, char **argv);
int	ctl_key(struct ctl *, int argc, char **argv);
int	ctl_rules(struct ctl *, int argc, char **argv);

/* Prints "awardctl: message" to stderr; returns 1. */
int	ctl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
