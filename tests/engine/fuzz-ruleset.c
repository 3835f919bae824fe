/*
 * libFuzzer driver for the rule file parser, which reads text from
 * the database.  Not built by default:
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Iapp \
 *	    tests/engine/fuzz-ruleset.c app/engine/ruleset.c \
 *	    app/common/datetime.c app/common/util.c -lcrypto
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "engine/ruleset.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct ruleset	*rs;
	char		 err[256];

	if ((rs = ruleset_new()) == NULL)
		return 0;
	ruleset_add(rs, "fuzz", (const char *)data, len, err, sizeof(err));
	ruleset_free(rs);
	return 0;
}
