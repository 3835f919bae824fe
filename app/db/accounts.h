/*
 * Organisations and their API keys.  A key is shown to its owner once,
 * as "ak_<id>:sk_<secret>"; only the SHA-256 of the secret is kept.
 */
#ifndef AWARD_ACCOUNTS_H
#define AWARD_ACCOUNTS_H

#include <stddef.h>

struct db;

#define KEY_ID_HEX	32	/* hex digits of a key id */
#define KEY_SECRET_HEX	64	/* hex digits of a secret */
/* "ak_" id ":sk_" secret and a NUL. */
#define KEY_TOKEN_LEN	(3 + KEY_ID_HEX + 4 + KEY_SECRET_HEX + 1)

enum key_state {
	KEY_VALID,
	KEY_UNKNOWN,		/* no such key, or the secret is wrong */
	KEY_REVOKED,
	KEY_SUSPENDED,		/* its organisation is suspended */
};

struct key_info {
	enum key_state	 state;
	unsigned long long org_id;
	char		 org_name[201];
	char		 key_id[KEY_ID_HEX + 1];
	long long	 limit_calc;
	long long	 limit_other;
};

/*
 * Parses "ak_<id>:sk_<secret>".  Return 0 with id and secret pointing
 * into token (id_out holds KEY_ID_HEX+1), or -1 for a malformed token.
 */
int	key_token_parse(const char *token, char *id_out,
	    const char **secret);

/*
 * Looks the key up and checks its secret in constant time.
 * Returns a db_status; on DB_OK, info->state says what was found.
 */
int	key_verify(struct db *, const char *token, struct key_info *);

/* Each returns a db_status, or DB_ERROR with a message in err. */
int	org_create(struct db *, const char *name, unsigned long long *id,
	    char *err, size_t errlen);
int	org_set_status(struct db *, const char *name, int suspended,
	    char *err, size_t errlen);
int	org_set_limits(struct db *, const char *name, long long calc,
	    long long other, char *err, size_t errlen);
int	key_create(struct db *, const char *org_name, const char *label,
	    char token[KEY_TOKEN_LEN], char *err, size_t errlen);
int	key_revoke(struct db *, const char *key_id, char *err,
	    size_t errlen);

#endif
