/*
 * The stored form of an uploaded row's fields: the values in column
 * order, separated by 0x1f, with '\' and 0x1f escaped.  An absent field
 * and an empty one are both stored empty.
 */
#ifndef AWARD_ROWCODEC_H
#define AWARD_ROWCODEC_H

#include <stddef.h>

struct buf;

/* Appends the encoding of n fields (NULL: absent) to b; 0 or -1. */
int	rowcodec_encode(struct buf *, const char *const *fields, size_t n);

/*
 * Decodes text in place into at most n fields (NULL when empty).
 * Return 0, or -1 when text does not hold exactly n fields.
 */
int	rowcodec_decode(char *text, const char **fields, size_t n);

#endif
