/*
 * One log line per event: level, component, an id (request or batch)
 * and what happened, in words.  Lines go to stderr, or to syslog for a
 * daemon.  Control characters in the text are escaped so that no input
 * can forge a line.  Secrets and raw rows are never passed here.
 */
#ifndef AWARD_LOG_H
#define AWARD_LOG_H

enum log_level {
	LOG_LVL_DEBUG,
	LOG_LVL_INFO,
	LOG_LVL_WARN,
	LOG_LVL_ERROR,
	LOG_LVL__MAX
};

void	log_open(const char *ident, int use_syslog, enum log_level min);
void	log_close(void);

void	log_msg(enum log_level, const char *component, const char *id,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#define log_info(c, id, ...)	log_msg(LOG_LVL_INFO, (c), (id), __VA_ARGS__)
#define log_warn(c, id, ...)	log_msg(LOG_LVL_WARN, (c), (id), __VA_ARGS__)
#define log_error(c, id, ...)	log_msg(LOG_LVL_ERROR, (c), (id), __VA_ARGS__)
#define log_debug(c, id, ...)	log_msg(LOG_LVL_DEBUG, (c), (id), __VA_ARGS__)

#endif
