/* schema_reference.c - smalog's own schema, read from the table that tools/schema_gen.c made at build time. */
#include "smalog/schema_data.h"

#include "smalog/error.h"

/* The generator (tools/schema_gen.c) links the rest of the store without
 * this file and answers these two from what it builds; smalog answers
 * them from what the generator wrote. */

const struct schema *schema_reference(int version)
{
	if (version < 1 || version > schema_data_latest) {
		sm_error(EX_SOFTWARE, "internal error: no schema version %d", version);
		return NULL;
	}
	return &schema_data[version];
}

const struct schema *schema_views(void)
{
	return &schema_data_views;
}
