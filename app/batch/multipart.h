/*
 * A streaming reader of multipart/form-data bodies (RFC 7578) that
 * passes on the data of the one part named "file" and skips the
 * others.  The body may come in chunks of any size; the file's data is
 * handed over as it arrives, never gathered.  Pure: no logging.
 */
#ifndef AWARD_MULTIPART_H
#define AWARD_MULTIPART_H

#include <stddef.h>

#define MULTIPART_BOUNDARY_MAX	70	/* RFC 2046 */
#define MULTIPART_BOUNDARY_LEN	(MULTIPART_BOUNDARY_MAX + 1)
#define MULTIPART_MAX_HEADERS	8192	/* bytes of one part's headers */
#define MULTIPART_FILENAME_LEN	256	/* a kept filename and its NUL */
#define MULTIPART_TYPE_LEN	128	/* a kept Content-Type and NUL */
#define MULTIPART_MSG_LEN	128
#define MULTIPART_FIELD		"file"	/* the form field read */

enum multipart_err {
	MULTIPART_OK = 0,
	MULTIPART_ERR_NO_FILE,		/* no part named "file" */
	MULTIPART_ERR_TWO_FILES,	/* more than one */
	MULTIPART_ERR_UNTERMINATED,	/* no closing boundary */
	MULTIPART_ERR_HEADERS_TOO_LARGE,
	MULTIPART_ERR_MALFORMED,
	MULTIPART_ERR_ABORTED,		/* the callback said stop */
	MULTIPART_ERR__MAX
};

/*
 * What the form says about the file; "" for what it does not say.
 * The strings belong to the reader.
 */
struct multipart_file {
	const char	*filename;	/* without any directory part */
	const char	*content_type;
};

/*
 * Called once with len 0 when the file part begins, then with each
 * piece of its data.  Return 0 to go on, -1 to stop the reader.
 */
typedef int	(*multipart_data_cb)(const struct multipart_file *,
		    const void *data, size_t len, void *arg);

/*
 * The boundary parameter of a multipart/form-data Content-Type, into
 * out (which holds MULTIPART_BOUNDARY_LEN).  Return 0, or -1 when the
 * type is not multipart/form-data or the boundary is missing, empty,
 * too long or has characters RFC 2046 does not allow.
 */
int	multipart_boundary(const char *content_type, char *out,
	    size_t outlen);

struct multipart;

/* Return NULL for an invalid boundary or when memory runs out. */
struct multipart	*multipart_new(const char *boundary,
			    multipart_data_cb, void *arg);
/*
 * Feed the next chunk; finish once at the end.  Both return
 * MULTIPART_OK or the error that stopped the reader, again on every
 * later call.
 */
enum multipart_err	 multipart_feed(struct multipart *,
			    const void *, size_t);
enum multipart_err	 multipart_finish(struct multipart *);
/* Why it stopped ("" while all is well); owned by the reader. */
const char		*multipart_message(const struct multipart *);
/*
 * The file part's details once it has begun, else NULL; owned by the
 * reader and valid until multipart_free.
 */
const struct multipart_file *multipart_file(const struct multipart *);
void			 multipart_free(struct multipart *);

#endif
