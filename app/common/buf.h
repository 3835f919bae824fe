/*
 * A growable byte buffer with a hard size limit.  Every buffer that
 * holds untrusted data is one of these, so that no input can make the
 * program allocate without bound.
 */
#ifndef AWARD_BUF_H
#define AWARD_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* always NUL-terminated when not NULL */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* the most len may ever reach */
};

/* A max of 0 means no limit beyond memory (trusted data only). */
void	buf_init(struct buf *, size_t max);
void	buf_free(struct buf *);
void	buf_reset(struct buf *);

/* Return 0, or -1 when the limit would be passed or memory runs out. */
int	buf_append(struct buf *, const void *, size_t);
int	buf_puts(struct buf *, const char *);
int	buf_putc(struct buf *, char);
int	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* Hands the data to the caller, who frees it; the buffer is emptied. */
char	*buf_release(struct buf *);

#endif
