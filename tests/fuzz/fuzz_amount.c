/* fuzz_amount.c - libFuzzer harness: amount parsing (Korean units, signs
 * and '~' included) never crashes, never yields a negative value, and
 * round-trips through its formatted text. */
#include "smalog/amount.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[96];
	if (size >= sizeof text)
		size = sizeof text - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	int64_t v, again;
	struct amount a;
	char err[128], buf[AMOUNT_TEXT_SIZE];
	if (amount_parse_given(text, &a, err, sizeof err) != 0)
		return 0;
	v = a.value;
	if (v < 0 || (a.currency && strcmp(a.currency, "KRW") != 0 && strcmp(a.currency, "USD") != 0))
		abort();
	/* the plain parser agrees wherever no sign or '~' was given */
	if (!a.currency && !a.approx && (amount_parse(text, &again, err, sizeof err) != 0 || again != v))
		abort();
	for (int grouped = 0; grouped < 2; grouped++) {
		amount_format(v, grouped, buf, sizeof buf);
		if (amount_parse(buf, &again, err, sizeof err) != 0 || again != v)
			abort();
	}
	return 0;
}
