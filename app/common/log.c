#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"

#define LOG_LINE_MAX	2048

static const char *const level_names[LOG_LVL__MAX] = {
	"debug",	/* LOG_LVL_DEBUG */
	"info",		/* LOG_LVL_INFO */
	"warn",		/* LOG_LVL_WARN */
	"error",	/* LOG_LVL_ERROR */
};

static const int syslog_prio[LOG_LVL__MAX] = {
	LOG_DEBUG,	/* LOG_LVL_DEBUG */
	LOG_INFO,	/* LOG_LVL_INFO */
	LOG_WARNING,	/* LOG_LVL_WARN */
	LOG_ERR,	/* LOG_LVL_ERROR */
};

static const char	*log_ident = "award";
static int		 log_syslog;
static enum log_level	 log_min = LOG_LVL_INFO;

void
log_open(const char *ident, int use_syslog, enum log_level min)
{
	log_ident = ident;
	log_syslog = use_syslog;
	log_min = min;
	if (use_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_close(void)
{
	if (log_syslog)
		closelog();
}

/* Copies src into dst, escaping control characters and backslashes. */
static void
log_escape(char *dst, size_t size, const char *src)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 o = 0;
	unsigned char		 c;

	for (; (c = (unsigned char)*src) != '\0' && o + 5 < size; src++) {
		if (c < 0x20 || c == 0x7f || c == '\\') {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 0xf];
		} else
			dst[o++] = (char)c;
	}
	dst[o] = '\0';
}

void
log_msg(enum log_level lvl, const char *component, const char *id,
    const char *fmt, ...)
{
	char		 raw[LOG_LINE_MAX], text[LOG_LINE_MAX];
	char		 stamp[32];
	struct tm	 tm;
	time_t		 now;
	va_list		 ap;

	if (lvl < log_min || lvl >= LOG_LVL__MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	log_escape(text, sizeof(text), raw);

	if (log_syslog) {
		syslog(syslog_prio[lvl], "%s %s %s %s", level_names[lvl],
		    component, id != NULL ? id : "-", text);
		return;
	}
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%ld] %s %s %s %s\n", stamp, log_ident,
	    (long)getpid(), level_names[lvl], component,
	    id != NULL ? id : "-", text);
}
