/*
 * Batches in the database: storing an upload in one transaction, and
 * the processors' side of the work (claiming chunks under a lease,
 * committing a chunk's results with the batch's counters).
 */
#ifndef AWARD_BATCHSTORE_H
#define AWARD_BATCHSTORE_H

#include <stddef.h>

#include "common/util.h"

struct db;

#define BATCH_ID_LEN		UUID_STRLEN
#define BATCH_OWNER_LEN		64
#define BATCH_MAX_ATTEMPTS	3	/* claims of one chunk before failing */
#define BATCH_NULL		(-4611686018427387904LL) /* -2^62: absent */

/* One uploaded row, ready to store. */
struct batch_upload_row {
	size_t		 fields_off;	/* into batch_upload.text */
	size_t		 fields_len;
	long long	 carry_today;	/* hour units the file carries in */
	long long	 carry_week;
	const char	*error;		/* NULL, or why it cannot be run */
};

struct batch_upload {
	unsigned long long	 org_id;
	char			 id[BATCH_ID_LEN];	/* filled in */
	const char		*filename;		/* may be NULL */
	const char		*idempotency_key;	/* may be NULL */
	const char		*text;		/* the encoded fields */
	const struct batch_upload_row *rows;
	size_t			 nrows;
	size_t			 chunk_rows;
};

/*
 * Stores the batch, its rows and its chunks in one transaction, queued.
 * Returns a db_status; DB_DUPLICATE when the idempotency key was taken
 * meanwhile.
 */
int	batch_insert(struct db *, struct batch_upload *);

/* Finds the batch an idempotency key made: 1 found, 0 not, or <0. */
int	batch_find_idempotent(struct db *, unsigned long long org_id,
	    const char *key, char id[BATCH_ID_LEN]);

/* A chunk of rows that a processor has claimed. */
struct batch_chunk {
	char		 batch_id[BATCH_ID_LEN];
	unsigned	 chunk_no;
	unsigned	 first_row;
	unsigned	 last_row;
	unsigned	 attempts;	/* this claim included */
};

/* Puts back chunks whose lease ran out; returns how many, or <0. */
long long	 chunk_reclaim_expired(struct db *);

/*
 * Claims the next chunk (lowest chunk number first, then the oldest
 * batch) for owner until the lease ends.  Returns 1 with *c filled, 0
 * when there is no work, or a db_status.
 */
int	chunk_claim(struct db *, const char *owner, int lease_seconds,
	    struct batch_chunk *c);

/* Called for each row of a chunk, in row order. */
typedef int (*chunk_row_cb)(unsigned row_index, char *fields,
    long long carry_today, long long carry_week, const char *error,
    void *arg);

int	chunk_rows(struct db *, const struct batch_chunk *, chunk_row_cb,
	    void *arg);

/* One row's result as stored. */
struct row_result {
	unsigned	 row_index;
	const char	*status;	/* "ok", "warning", ... */
	const char	*employee_ref;	/* may be NULL */
	int		 risk_count;
	const char	*max_severity;	/* "high", ... or NULL */
	const char	*risk_codes;	/* ';'-separated */
	long long	 hours_units;	/* BATCH_NULL when unknown */
	long long	 minimum_cents;	/* BATCH_NULL when unknown */
	long long	 actual_cents;	/* BATCH_NULL when not given */
	const char	*detail;	/* the row's JSON */
	size_t		 detail_len;
};

/* What a chunk adds to its batch's counters. */
struct chunk_totals {
	long long	 ok_rows;
	long long	 warning_rows;
	long long	 violation_rows;
	long long	 error_rows;
	long long	 high_risks;
	long long	 warning_risks;
	long long	 info_risks;
	long long	 minimum_cents;
	long long	 actual_cents;
	long long	 underpayment_cents;
};

enum chunk_outcome {
	CHUNK_COMMITTED = 1,
	CHUNK_LOST = 0,		/* the claim passed to another, or the
				 * batch was cancelled or deleted */
};

/* What became of the batch when a chunk committed. */
struct chunk_batch_state {
	int		 complete;	/* this chunk was its last */
	long long	 total_rows;
	long long	 elapsed_ms;	/* from start to completion */
};

/*
 * Stores a chunk's results and adds to its batch's counters in one
 * transaction, if the claim is still owner's and the batch still
 * wants it.  Returns a chunk_outcome or a db_status; on
 * CHUNK_COMMITTED, *st says whether the batch is now complete.
 */
int	chunk_commit(struct db *, const char *owner,
	    const struct batch_chunk *, const struct row_result *, size_t n,
	    const struct chunk_totals *, struct chunk_batch_state *st);

/* Fails a batch for good with a message; its chunks are dropped. */
int	batch_fail(struct db *, const char *batch_id, const char *message);

#endif
