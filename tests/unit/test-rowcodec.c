#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "common/buf.h"
#include "db/rowcodec.h"
#include "tap.h"

#define NF	5

int
main(void)
{
	const char	*in[NF] = { "MA000004", NULL, "a\x1f" "b\\c", "", "x" };
	const char	*out[NF];
	struct buf	 b;
	char		 bad[] = "a\x1f" "b";

	buf_init(&b, 0);
	ok(rowcodec_encode(&b, in, NF) == 0, "encode");
	ok(strchr(b.data, '\x1f') != NULL, "fields are separated");
	ok(rowcodec_decode(b.data, out, NF) == 0, "decode");
	is_str(out[0], "MA000004", "plain field");
	ok(out[1] == NULL, "absent field stays absent");
	is_str(out[2], "a\x1f" "b\\c", "separator and escape survive");
	ok(out[3] == NULL, "empty field reads as absent");
	is_str(out[4], "x", "last field");
	ok(rowcodec_decode(bad, out, NF) == -1, "too few fields refused");
	buf_free(&b);
	return tap_done();
}
