/*
 * The database layer: one connection with its prepared statements.
 * Every statement is prepared and takes its values through bound
 * parameters; statements are cached by the address of their SQL text,
 * so callers pass string literals.  A lost connection is reopened on
 * the next use.
 */
#ifndef AWARD_DB_H
#define AWARD_DB_H

#include <stddef.h>
#include <string.h>

struct conf;
struct db;

enum db_status {
	DB_OK = 0,
	DB_ERROR = -1,		/* the statement failed; see db_error() */
	DB_DOWN = -2,		/* the server cannot be reached */
	DB_DUPLICATE = -3,	/* a unique key refused the row */
	DB_RETRY = -4,		/* deadlock or lock wait: try again */
	DB_TOOBIG = -5,		/* a result passed the caller's limit */
};

enum db_ptype {
	DBP_NULL,
	DBP_INT,
	DBP_STR,
};

struct db_param {
	enum db_ptype	 type;
	long long	 i;
	const char	*s;
	size_t		 len;
};

#define DB_INT(v)	((struct db_param){ DBP_INT, (long long)(v), NULL, 0 })
#define DB_STR(v)	((struct db_param){ DBP_STR, 0, (v), strlen(v) })
#define DB_STRN(v, n)	((struct db_param){ DBP_STR, 0, (v), (n) })
#define DB_NULL		((struct db_param){ DBP_NULL, 0, NULL, 0 })
/* A string that may be NULL, stored as SQL NULL. */
#define DB_STR0(v)	((v) != NULL ? DB_STR(v) : DB_NULL)

#define DB_NPARAMS(a)	(sizeof(a) / sizeof((a)[0]))

/* One fetched row: cells are NUL-terminated, NULL for SQL NULL. */
struct db_row {
	size_t		  ncols;
	char		**cell;
	unsigned long	 *len;
};

/* Rows held in memory: for results of known, bounded size. */
struct db_result {
	size_t		 nrows;
	size_t		 ncols;
	char		**cell;		/* nrows * ncols, row-major */
};

/* Called for each row; return 0 to go on, -1 to stop with DB_ERROR. */
typedef int (*db_row_cb)(const struct db_row *, void *);

/* Allocates the handle; it connects on first use. Never NULL. */
struct db	*db_new(const struct conf *);
void		 db_free(struct db *);

int		 db_connect(struct db *);
int		 db_ping(struct db *);
const char	*db_error(const struct db *);

/* Returns rows affected (>= 0) or a db_status. */
long long	 db_exec(struct db *, const char *sql,
		    const struct db_param *, size_t nparams);
unsigned long long db_insert_id(const struct db *);

/* Streams rows to cb without holding them all. */
int		 db_query_each(struct db *, const char *sql,
		    const struct db_param *, size_t nparams,
		    db_row_cb, void *);

/*
 * Fetches at most max_rows rows into res (DB_TOOBIG past that).  The
 * caller frees res with db_result_free whatever the return.
 */
int		 db_query(struct db *, const char *sql,
		    const struct db_param *, size_t nparams,
		    size_t max_rows, struct db_result *res);
const char	*db_result_get(const struct db_result *, size_t row,
		    size_t col);
void		 db_result_free(struct db_result *);

/*
 * As db_exec, for SQL built at run time (a multi-row INSERT of some
 * size): prepared, run and closed, never cached.
 */
long long	 db_exec_uncached(struct db *, const char *sql,
		    const struct db_param *, size_t nparams);

/* Runs a statement that takes no parameters and returns no rows. */
int		 db_exec_plain(struct db *, const char *sql);

int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);

#endif
