/* schema_data.h - smalog's reference schema as tools/schema_gen.c writes it at build time: for schema_reference.c alone. */
#ifndef SMALOG_SCHEMA_DATA_H
#define SMALOG_SCHEMA_DATA_H

#include "smalog/schema.h"

/* What schema_build made, per version: schema_data[v] for v from 1 to
 * schema_data_latest (schema_data[0] is empty), and the latest version's
 * report views. */
extern const struct schema schema_data[];
extern const int schema_data_latest;
extern const struct schema schema_data_views;

#endif
