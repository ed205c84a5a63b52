/* datapackage.h - the Frictionless Data Package that describes the folder export --all writes. */
#ifndef SMALOG_DATAPACKAGE_H
#define SMALOG_DATAPACKAGE_H

#include "smalog/sbuf.h"

/*
 * Append datapackage.json for a folder of KIND.csv files (export --all,
 * CSV) to out: a Tabular Data Package with one resource per kind, in
 * dependency order, each with its Table Schema derived from the kind's
 * description: the uid first and the primary key; field types from what
 * each field type is (an integer, a decimal, text; a partial EDTF date is
 * a string with a pattern; an "about" value, 5000000000~, an integer that
 * is not bare); required fields, choices and bounds as constraints; and a
 * foreign key for each reference to a kind's natural key (position.agreement
 * -> agreement.code, a round within its agreement -> round (agreement,
 * seq)).  Lists of keys (cited sources) have none: a Table Schema foreign
 * key names one value.  The same kinds give the same bytes: no time, no
 * path, LF line ends.
 */
void datapackage_json(struct sbuf *out);

#endif
