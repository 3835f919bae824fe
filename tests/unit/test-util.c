#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "common/buf.h"
#include "common/util.h"
#include "tap.h"

int
main(void)
{
	long long	 v;
	struct buf	 b;
	char		 u[UUID_STRLEN], h[SHA256_HEXLEN];

	ok(parse_long("42", 0, 100, &v) == 0 && v == 42, "parse_long");
	ok(parse_long("101", 0, 100, &v) == -1, "parse_long range");
	ok(parse_long("4x", 0, 100, &v) == -1, "parse_long trailing");
	ok(parse_long("", 0, 100, &v) == -1, "parse_long empty");
	ok(parse_long("99999999999999999999", 0, 100, &v) == -1,
	    "parse_long overflow");

	ok(parse_decimal("254.63", 2, 1000000, &v) == 0 && v == 25463,
	    "decimal 254.63");
	ok(parse_decimal("254.625", 2, 1000000, &v) == 0 && v == 25463,
	    "decimal rounds half up");
	ok(parse_decimal("254.624", 2, 1000000, &v) == 0 && v == 25462,
	    "decimal rounds down below half");
	ok(parse_decimal("7", 4, 1000000, &v) == 0 && v == 70000,
	    "decimal scales whole numbers");
	ok(parse_decimal("-1.5", 2, 1000000, &v) == 0 && v == -150,
	    "decimal negative");
	ok(parse_decimal("1e3", 2, 1000000, &v) == -1, "no exponents");
	ok(parse_decimal(".5", 2, 1000000, &v) == 0 && v == 50,
	    "leading dot");
	ok(parse_decimal("5.", 2, 1000000, &v) == -1, "trailing dot");
	ok(parse_decimal("", 2, 1000000, &v) == -1, "empty decimal");
	ok(parse_decimal("10000.01", 2, 1000000, &v) == -1,
	    "decimal limit");
	ok(parse_decimal("1000000000000000000000000", 2, 1000000, &v) == -1,
	    "decimal overflow");
	ok(parse_decimal("113031203330312033303", 0, LLONG_MAX, &v) == -1,
	    "decimal over the largest limit");
	ok(parse_decimal("9223372036854775807", 0, LLONG_MAX, &v) == 0 &&
	    v == LLONG_MAX, "decimal up to the largest limit");
	ok(parse_decimal("999.995", 2, 99999, &v) == -1,
	    "rounding up past the limit");

	buf_init(&b, 8);
	ok(buf_puts(&b, "12345678") == 0, "buf fills to its limit");
	ok(buf_putc(&b, 'x') == -1, "buf refuses past its limit");
	is_int(b.len, 8, "buf keeps its content on refusal");
	buf_free(&b);
	buf_init(&b, 0);
	ok(buf_printf(&b, "%s-%d", "a", 7) == 0 && strcmp(b.data, "a-7") == 0,
	    "buf_printf");
	buf_free(&b);

	ok(uuid_v4(u) == 0 && uuid_valid(u) && u[14] == '4', "uuid v4");
	ok(!uuid_valid("9b1f"), "short uuid invalid");
	sha256_hex("abc", 3, h);
	is_str(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad", "sha256 of abc");
	ok(ct_equal("abcd", "abcd", 4) && !ct_equal("abcd", "abce", 4),
	    "constant-time compare");
	return tap_done();
}
