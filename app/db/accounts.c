#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "db/accounts.h"
#include "db/db.h"

#define ORG_NAME_MAX	200

static const char sql_key_lookup[] =
    "SELECT k.secret_sha256, k.revoked_at IS NOT NULL, o.id, o.name,"
    " o.status = 'suspended', o.rate_limit_calc, o.rate_limit_other"
    " FROM api_keys k JOIN organisations o ON o.id = k.org_id"
    " WHERE k.id = ?";
static const char sql_org_insert[] =
    "INSERT INTO organisations (name) VALUES (?)";
static const char sql_org_status[] =
    "UPDATE organisations SET status = ? WHERE name = ?";
static const char sql_org_limits[] =
    "UPDATE organisations SET rate_limit_calc = ?, rate_limit_other = ?"
    " WHERE name = ?";
static const char sql_org_find[] =
    "SELECT id FROM organisations WHERE name = ?";
static const char sql_key_insert[] =
    "INSERT INTO api_keys (id, org_id, secret_sha256, label)"
    " VALUES (?, ?, ?, ?)";
static const char sql_key_revoke[] =
    "UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP"
    " WHERE id = ? AND revoked_at IS NULL";

int
key_token_parse(const char *token, char *id_out, const char **secret)
{
	const char	*s;

	if (token == NULL || strncmp(token, "ak_", 3) != 0)
		return -1;
	token += 3;
	if (strlen(token) < KEY_ID_HEX + 4 ||
	    strncmp(token + KEY_ID_HEX, ":sk_", 4) != 0)
		return -1;
	memcpy(id_out, token, KEY_ID_HEX);
	id_out[KEY_ID_HEX] = '\0';
	if (!is_hex_lower(id_out, KEY_ID_HEX))
		return -1;
	s = token + KEY_ID_HEX + 4;
	if (strlen(s) != KEY_SECRET_HEX || !is_hex_lower(s, KEY_SECRET_HEX))
		return -1;
	*secret = s;
	return 0;
}

int
key_verify(struct db *db, const char *token, struct key_info *info)
{
	struct db_param		 p[1];
	struct db_result	 res;
	const char		*secret, *stored;
	char			 hash[SHA256_HEXLEN];
	int			 rc;
	long long		 v;

	memset(info, 0, sizeof(*info));
	info->state = KEY_UNKNOWN;
	if (key_token_parse(token, info->key_id, &secret) == -1)
		return DB_OK;
	p[0] = DB_STR(info->key_id);
	if ((rc = db_query(db, sql_key_lookup, p, 1, 1, &res)) != DB_OK) {
		db_result_free(&res);
		return rc;
	}
	sha256_hex(secret, KEY_SECRET_HEX, hash);
	if (res.nrows == 1 && (stored = db_result_get(&res, 0, 0)) != NULL &&
	    strlen(stored) == SHA256_HEXLEN - 1 &&
	    ct_equal(stored, hash, SHA256_HEXLEN - 1)) {
		parse_long(db_result_get(&res, 0, 2), 1, -1ULL >> 1, &v);
		info->org_id = (unsigned long long)v;
		snprintf(info->org_name, sizeof(info->org_name), "%s",
		    db_result_get(&res, 0, 3));
		if (parse_long(db_result_get(&res, 0, 5), 0, 1LL << 31,
		    &info->limit_calc) == -1 ||
		    parse_long(db_result_get(&res, 0, 6), 0, 1LL << 31,
		    &info->limit_other) == -1) {
			db_result_free(&res);
			return DB_ERROR;
		}
		if (strcmp(db_result_get(&res, 0, 1), "1") == 0)
			info->state = KEY_REVOKED;
		else if (strcmp(db_result_get(&res, 0, 4), "1") == 0)
			info->state = KEY_SUSPENDED;
		else
			info->state = KEY_VALID;
	}
	db_result_free(&res);
	return DB_OK;
}

static int
org_find(struct db *db, const char *name, long long *id, char *err,
    size_t errlen)
{
	struct db_param		 p[1];
	struct db_result	 res;
	int			 rc;

	p[0] = DB_STR(name);
	rc = db_query(db, sql_org_find, p, 1, 1, &res);
	if (rc == DB_OK && res.nrows == 0) {
		snprintf(err, errlen, "no organisation named %s", name);
		rc = DB_ERROR;
	} else if (rc == DB_OK)
		parse_long(db_result_get(&res, 0, 0), 1, -1ULL >> 1, id);
	else
		snprintf(err, errlen, "%s", db_error(db));
	db_result_free(&res);
	return rc;
}

int
org_create(struct db *db, const char *name, unsigned long long *id,
    char *err, size_t errlen)
{
	struct db_param	 p[1];
	long long	 rc;

	if (*name == '\0' || strlen(name) > ORG_NAME_MAX) {
		snprintf(err, errlen, "a name has 1 to %d characters",
		    ORG_NAME_MAX);
		return DB_ERROR;
	}
	p[0] = DB_STR(name);
	if ((rc = db_exec(db, sql_org_insert, p, 1)) < 0) {
		if (rc == DB_DUPLICATE)
			snprintf(err, errlen, "organisation %s exists", name);
		else
			snprintf(err, errlen, "%s", db_error(db));
		return (int)rc;
	}
	*id = db_insert_id(db);
	return DB_OK;
}

/* Runs an update that must touch one organisation. */
static int
org_update(struct db *db, const char *sql, struct db_param *p, size_t n,
    const char *name, char *err, size_t errlen)
{
	long long	 rc;
	long long	 id;

	if ((rc = org_find(db, name, &id, err, errlen)) != DB_OK)
		return (int)rc;
	if ((rc = db_exec(db, sql, p, n)) < 0) {
		snprintf(err, errlen, "%s", db_error(db));
		return (int)rc;
	}
	return DB_OK;
}

int
org_set_status(struct db *db, const char *name, int suspended, char *err,
    size_t errlen)
{
	struct db_param	 p[2];

	p[0] = DB_STR(suspended ? "suspended" : "active");
	p[1] = DB_STR(name);
	return org_update(db, sql_org_status, p, 2, name, err, errlen);
}

int
org_set_limits(struct db *db, const char *name, long long calc,
    long long other, char *err, size_t errlen)
{
	struct db_param	 p[3];

	p[0] = DB_INT(calc);
	p[1] = DB_INT(other);
	p[2] = DB_STR(name);
	return org_update(db, sql_org_limits, p, 3, name, err, errlen);
}

int
key_create(struct db *db, const char *org_name, const char *label,
    char token[KEY_TOKEN_LEN], char *err, size_t errlen)
{
	struct db_param	 p[4];
	char		 id[KEY_ID_HEX + 1], secret[KEY_SECRET_HEX + 1];
	char		 hash[SHA256_HEXLEN];
	long long	 org_id, rc;

	if ((rc = org_find(db, org_name, &org_id, err, errlen)) != DB_OK)
		return (int)rc;
	if (random_hex(id, KEY_ID_HEX / 2) == -1 ||
	    random_hex(secret, KEY_SECRET_HEX / 2) == -1) {
		snprintf(err, errlen, "no random bytes");
		return DB_ERROR;
	}
	sha256_hex(secret, KEY_SECRET_HEX, hash);
	p[0] = DB_STR(id);
	p[1] = DB_INT(org_id);
	p[2] = DB_STR(hash);
	p[3] = DB_STR0(label);
	if ((rc = db_exec(db, sql_key_insert, p, 4)) < 0) {
		snprintf(err, errlen, "%s", db_error(db));
		return (int)rc;
	}
	snprintf(token, KEY_TOKEN_LEN, "ak_%s:sk_%s", id, secret);
	explicit_bzero(secret, sizeof(secret));
	return DB_OK;
}

int
key_revoke(struct db *db, const char *key_id, char *err, size_t errlen)
{
	struct db_param	 p[1];
	long long	 rc;

	p[0] = DB_STR(key_id);
	if ((rc = db_exec(db, sql_key_revoke, p, 1)) < 0) {
		snprintf(err, errlen, "%s", db_error(db));
		return (int)rc;
	}
	if (rc == 0) {
		snprintf(err, errlen, "no active key %s", key_id);
		return DB_ERROR;
	}
	return DB_OK;
}
