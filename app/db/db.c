#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "common/conf.h"
#include "db/db.h"

#define DB_STMT_CACHE		64
#define DB_MAX_PARAMS		65535	/* the protocol's own limit */
#define DB_STACK_PARAMS		64
#define DB_MAX_COLS		64
#define DB_CELL_INITIAL		256
#define DB_CONNECT_TIMEOUT	3	/* seconds */
#define DB_IO_TIMEOUT		60	/* seconds */
#define DB_ERRLEN		256

struct db_stmt {
	const char	*sql;		/* the cache key: its address */
	MYSQL_STMT	*stmt;
};

struct db {
	const struct conf	*conf;
	MYSQL			*my;
	int			 in_tx;
	unsigned long long	 insert_id;
	struct db_stmt		 cache[DB_STMT_CACHE];
	size_t			 ncache;
	char			 err[DB_ERRLEN];
};

struct db *
db_new(const struct conf *conf)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		abort();
	db->conf = conf;
	return db;
}

static void
db_disconnect(struct db *db)
{
	size_t	 i;

	for (i = 0; i < db->ncache; i++)
		mysql_stmt_close(db->cache[i].stmt);
	db->ncache = 0;
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	db->in_tx = 0;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db);
}

const char *
db_error(const struct db *db)
{
	return db->err;
}

unsigned long long
db_insert_id(const struct db *db)
{
	return db->insert_id;
}

static int
is_conn_error(unsigned int e)
{
	switch (e) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case ER_SERVER_SHUTDOWN:
	case ER_CONNECTION_KILLED:
	case CR_COMMANDS_OUT_OF_SYNC:
		return 1;
	default:
		return 0;
	}
}

/* Classifies an error number, dropping the connection if it is gone. */
static int
db_status_of(struct db *db, unsigned int e, const char *msg)
{
	snprintf(db->err, sizeof(db->err), "%u: %s", e, msg);
	if (is_conn_error(e)) {
		db_disconnect(db);
		return DB_DOWN;
	}
	if (e == ER_DUP_ENTRY)
		return DB_DUPLICATE;
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	return DB_ERROR;
}

int
db_connect(struct db *db)
{
	const struct conf	*c = db->conf;
	unsigned int		 timeout = DB_CONNECT_TIMEOUT;
	unsigned int		 io = DB_IO_TIMEOUT;
	const char		*sock;

	if (db->my != NULL)
		return DB_OK;
	if ((db->my = mysql_init(NULL)) == NULL)
		abort();
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &io);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &io);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	sock = c->db_socket[0] != '\0' ? c->db_socket : NULL;
	if (mysql_real_connect(db->my, sock != NULL ? NULL : c->db_host,
	    c->db_user, c->db_password, c->db_name,
	    (unsigned int)c->db_port, sock, 0) == NULL) {
		snprintf(db->err, sizeof(db->err), "connect: %u: %s",
		    mysql_errno(db->my), mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return DB_DOWN;
	}
	return DB_OK;
}

int
db_ping(struct db *db)
{
	int	 rc;

	if ((rc = db_connect(db)) != DB_OK)
		return rc;
	if (mysql_ping(db->my) != 0) {
		rc = db_status_of(db, mysql_errno(db->my),
		    mysql_error(db->my));
		return rc == DB_DOWN ? DB_DOWN : DB_ERROR;
	}
	return DB_OK;
}

/* Finds or prepares the statement for sql (cached when cache is set). */
static int
db_prepare(struct db *db, const char *sql, int cache, MYSQL_STMT **out)
{
	MYSQL_STMT	*st;
	size_t		 i;
	int		 rc;

	if ((rc = db_connect(db)) != DB_OK)
		return rc;
	for (i = 0; cache && i < db->ncache; i++)
		if (db->cache[i].sql == sql) {
			*out = db->cache[i].stmt;
			return DB_OK;
		}
	if ((st = mysql_stmt_init(db->my)) == NULL)
		return db_status_of(db, mysql_errno(db->my),
		    mysql_error(db->my));
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		rc = db_status_of(db, mysql_stmt_errno(st),
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		return rc;
	}
	if (cache && db->ncache < DB_STMT_CACHE) {
		db->cache[db->ncache].sql = sql;
		db->cache[db->ncache].stmt = st;
		db->ncache++;
	} else if (cache) {
		/* XXX: a full cache prepares afresh; 64 distinct statements
		 * per connection is far above what any program uses. */
		snprintf(db->err, sizeof(db->err), "statement cache full");
		mysql_stmt_close(st);
		return DB_ERROR;
	}
	*out = st;
	return DB_OK;
}

static int
db_bind_params(struct db *db, MYSQL_STMT *st, const struct db_param *p,
    size_t n, MYSQL_BIND *b)
{
	size_t	 i;

	if (n > DB_MAX_PARAMS || n != mysql_stmt_param_count(st)) {
		snprintf(db->err, sizeof(db->err),
		    "statement takes %lu parameters, given %zu",
		    mysql_stmt_param_count(st), n);
		return DB_ERROR;
	}
	memset(b, 0, n * sizeof(*b));
	for (i = 0; i < n; i++) {
		switch (p[i].type) {
		case DBP_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBP_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&p[i].i;
			break;
		case DBP_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)p[i].s;
			b[i].buffer_length = p[i].len;
			b[i].length = (unsigned long *)&p[i].len;
			break;
		}
	}
	if (n > 0 && mysql_stmt_bind_param(st, b) != 0)
		return db_status_of(db, mysql_stmt_errno(st),
		    mysql_stmt_error(st));
	return DB_OK;
}

/*
 * Prepares, binds and executes.  A statement that finds the connection
 * gone outside a transaction is tried once more on a new connection:
 * the server restarting between two requests is not the caller's
 * problem.
 */
static int
db_run(struct db *db, const char *sql, int cache,
    const struct db_param *p, size_t n, MYSQL_STMT **out)
{
	MYSQL_BIND	 stack[DB_STACK_PARAMS], *b = stack;
	MYSQL_STMT	*st = NULL;
	int		 rc = DB_DOWN, attempt;

	if (n > DB_STACK_PARAMS && n <= DB_MAX_PARAMS &&
	    (b = calloc(n, sizeof(*b))) == NULL)
		abort();
	for (attempt = 0; attempt < 2; attempt++) {
		if ((rc = db_prepare(db, sql, cache, &st)) != DB_OK) {
			if (rc == DB_DOWN && !db->in_tx && attempt == 0)
				continue;
			break;
		}
		if ((rc = db_bind_params(db, st, p, n, b)) != DB_OK)
			goto fail;
		if (mysql_stmt_execute(st) == 0) {
			db->insert_id = mysql_stmt_insert_id(st);
			*out = st;
			break;
		}
		rc = db_status_of(db, mysql_stmt_errno(st),
		    mysql_stmt_error(st));
		if (rc == DB_DOWN) {
			/* db_status_of closed every cached statement. */
			if (!cache)
				mysql_stmt_close(st);
			if (!db->in_tx && attempt == 0)
				continue;
			break;
		}
		goto fail;
	}
	if (b != stack)
		free(b);
	return rc;
fail:
	if (!cache)
		mysql_stmt_close(st);
	if (b != stack)
		free(b);
	return rc;
}

long long
db_exec(struct db *db, const char *sql, const struct db_param *p,
    size_t n)
{
	MYSQL_STMT	*st;
	long long	 affected;
	int		 rc;

	if ((rc = db_run(db, sql, 1, p, n, &st)) != DB_OK)
		return rc;
	affected = (long long)mysql_stmt_affected_rows(st);
	mysql_stmt_free_result(st);
	return affected;
}

long long
db_exec_uncached(struct db *db, const char *sql, const struct db_param *p,
    size_t n)
{
	MYSQL_STMT	*st;
	long long	 affected;
	int		 rc;

	if ((rc = db_run(db, sql, 0, p, n, &st)) != DB_OK)
		return rc;
	affected = (long long)mysql_stmt_affected_rows(st);
	mysql_stmt_close(st);
	return affected;
}

int
db_exec_plain(struct db *db, const char *sql)
{
	MYSQL_STMT	*st;
	int		 rc;

	if ((rc = db_run(db, sql, 0, NULL, 0, &st)) != DB_OK)
		return rc;
	mysql_stmt_close(st);
	return DB_OK;
}

struct db_fetch {
	MYSQL_BIND	 bind[DB_MAX_COLS];
	unsigned long	 len[DB_MAX_COLS];
	my_bool		 isnull[DB_MAX_COLS];
	my_bool		 trunc[DB_MAX_COLS];
	char		*buf[DB_MAX_COLS];
	char		*cell[DB_MAX_COLS];
	size_t		 ncols;
};

static void
db_fetch_free(struct db_fetch *f)
{
	size_t	 i;

	for (i = 0; i < f->ncols; i++)
		free(f->buf[i]);
}

static int
db_fetch_setup(struct db *db, MYSQL_STMT *st, struct db_fetch *f)
{
	size_t	 i;

	memset(f, 0, sizeof(*f));
	f->ncols = mysql_stmt_field_count(st);
	if (f->ncols > DB_MAX_COLS) {
		snprintf(db->err, sizeof(db->err), "too many columns");
		f->ncols = 0;
		return DB_ERROR;
	}
	for (i = 0; i < f->ncols; i++) {
		if ((f->buf[i] = malloc(DB_CELL_INITIAL)) == NULL)
			abort();
		f->bind[i].buffer_type = MYSQL_TYPE_STRING;
		f->bind[i].buffer = f->buf[i];
		f->bind[i].buffer_length = DB_CELL_INITIAL - 1;
		f->bind[i].length = &f->len[i];
		f->bind[i].is_null = &f->isnull[i];
		f->bind[i].error = &f->trunc[i];
	}
	if (f->ncols > 0 && mysql_stmt_bind_result(st, f->bind) != 0)
		return db_status_of(db, mysql_stmt_errno(st),
		    mysql_stmt_error(st));
	return DB_OK;
}

/* Fetches the rest of each truncated column into a larger buffer. */
static int
db_fetch_truncated(struct db *db, MYSQL_STMT *st, struct db_fetch *f)
{
	size_t	 i;
	char	*p;

	for (i = 0; i < f->ncols; i++) {
		if (!f->trunc[i] || f->isnull[i])
			continue;
		if ((p = realloc(f->buf[i], f->len[i] + 1)) == NULL)
			abort();
		f->buf[i] = p;
		f->bind[i].buffer = p;
		f->bind[i].buffer_length = f->len[i];
		if (mysql_stmt_fetch_column(st, &f->bind[i],
		    (unsigned int)i, 0) != 0)
			return db_status_of(db, mysql_stmt_errno(st),
			    mysql_stmt_error(st));
		f->bind[i].buffer_length = f->len[i];
	}
	/* Rebind so that the larger buffers serve the next rows. */
	if (mysql_stmt_bind_result(st, f->bind) != 0)
		return db_status_of(db, mysql_stmt_errno(st),
		    mysql_stmt_error(st));
	return DB_OK;
}

int
db_query_each(struct db *db, const char *sql, const struct db_param *p,
    size_t n, db_row_cb cb, void *arg)
{
	MYSQL_STMT	*st;
	struct db_fetch	 f;
	struct db_row	 row;
	size_t		 i;
	int		 rc, frc;

	if ((rc = db_run(db, sql, 1, p, n, &st)) != DB_OK)
		return rc;
	if ((rc = db_fetch_setup(db, st, &f)) != DB_OK)
		goto out;
	row.ncols = f.ncols;
	row.cell = f.cell;
	row.len = f.len;
	while ((frc = mysql_stmt_fetch(st)) == 0 ||
	    frc == MYSQL_DATA_TRUNCATED) {
		if (frc == MYSQL_DATA_TRUNCATED &&
		    (rc = db_fetch_truncated(db, st, &f)) != DB_OK)
			goto out;
		for (i = 0; i < f.ncols; i++) {
			if (f.isnull[i]) {
				f.cell[i] = NULL;
				continue;
			}
			f.buf[i][f.len[i]] = '\0';
			f.cell[i] = f.buf[i];
		}
		if (cb(&row, arg) != 0) {
			rc = DB_ERROR;
			goto out;
		}
	}
	if (frc != MYSQL_NO_DATA)
		rc = db_status_of(db, mysql_stmt_errno(st),
		    mysql_stmt_error(st));
out:
	if (db->my != NULL)
		mysql_stmt_free_result(st);
	db_fetch_free(&f);
	return rc;
}

struct db_collect {
	struct db_result	*res;
	size_t			 max_rows;
	size_t			 cap;
	int			 toobig;
};

static int
db_collect_row(const struct db_row *row, void *arg)
{
	struct db_collect	*c = arg;
	struct db_result	*r = c->res;
	size_t			 i, ncap;
	char			**p;

	if (r->nrows >= c->max_rows) {
		c->toobig = 1;
		return -1;
	}
	r->ncols = row->ncols;
	if (r->nrows == c->cap) {
		ncap = c->cap == 0 ? 16 : c->cap * 2;
		p = reallocarray(r->cell, ncap * (row->ncols ? row->ncols : 1),
		    sizeof(*p));
		if (p == NULL)
			abort();
		r->cell = p;
		c->cap = ncap;
	}
	for (i = 0; i < row->ncols; i++) {
		p = &r->cell[r->nrows * row->ncols + i];
		*p = NULL;
		if (row->cell[i] == NULL)
			continue;
		if ((*p = malloc(row->len[i] + 1)) == NULL)
			abort();
		memcpy(*p, row->cell[i], row->len[i] + 1);
	}
	r->nrows++;
	return 0;
}

int
db_query(struct db *db, const char *sql, const struct db_param *p,
    size_t n, size_t max_rows, struct db_result *res)
{
	struct db_collect	 c;
	int			 rc;

	memset(res, 0, sizeof(*res));
	c.res = res;
	c.max_rows = max_rows;
	c.cap = 0;
	c.toobig = 0;
	rc = db_query_each(db, sql, p, n, db_collect_row, &c);
	if (c.toobig)
		return DB_TOOBIG;
	return rc;
}

const char *
db_result_get(const struct db_result *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cell[row * r->ncols + col];
}

void
db_result_free(struct db_result *r)
{
	size_t	 i;

	for (i = 0; i < r->nrows * r->ncols; i++)
		free(r->cell[i]);
	free(r->cell);
	memset(r, 0, sizeof(*r));
}

int
db_begin(struct db *db)
{
	int	 rc;

	if ((rc = db_connect(db)) != DB_OK)
		return rc;
	if (mysql_autocommit(db->my, 0) != 0)
		return db_status_of(db, mysql_errno(db->my),
		    mysql_error(db->my));
	db->in_tx = 1;
	return DB_OK;
}

int
db_commit(struct db *db)
{
	int	 rc = DB_OK;

	if (db->my == NULL)
		return DB_DOWN;
	if (mysql_commit(db->my) != 0)
		rc = db_status_of(db, mysql_errno(db->my),
		    mysql_error(db->my));
	if (db->my != NULL)
		mysql_autocommit(db->my, 1);
	db->in_tx = 0;
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db->my != NULL) {
		mysql_rollback(db->my);
		mysql_autocommit(db->my, 1);
	}
	db->in_tx = 0;
}
