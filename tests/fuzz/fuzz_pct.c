/* fuzz_pct.c - libFuzzer harness: percentage and rate parsing never crash
 * and round-trip exactly through their formatted text. */
#include "smalog/decimal.h"

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
	char err[128], buf[DECIMAL_TEXT_SIZE];
	if (pct_parse(text, &v, err, sizeof err) == 0) {
		for (int trim = 0; trim < 2; trim++) {
			decimal_format(v, 2, trim, buf, sizeof buf);
			if (pct_parse(buf, &again, err, sizeof err) != 0 || again != v)
				abort();
		}
	}
	if (rate_parse(text, &v, err, sizeof err) == 0) {
		if (v <= 0)
			abort();
		decimal_format(v, 4, true, buf, sizeof buf);
		if (rate_parse(buf, &again, err, sizeof err) != 0 || again != v)
			abort();
	}
	return 0;
}
