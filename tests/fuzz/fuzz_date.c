/* fuzz_date.c - libFuzzer harness: date parsing never crashes, and what it
 * accepts formats back to text that parses to the same date. */
#include "smalog/date.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[64];
	if (size >= sizeof text)
		size = sizeof text - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	struct sm_date d, again;
	char err[128], canonical[DATE_TEXT_SIZE];
	if (date_parse(text, &d, err, sizeof err) != 0)
		return 0;
	date_format(&d, canonical, sizeof canonical);
	if (date_parse(canonical, &again, err, sizeof err) != 0 ||
	    date_sort_key(&d) != date_sort_key(&again) || d.qualifier != again.qualifier)
		abort();
	if (date_first_ymd(&d) > date_last_ymd(&d))
		abort();
	return 0;
}
