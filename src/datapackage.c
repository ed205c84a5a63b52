/* datapackage.c - datapackage.json for export --all: the kinds as Frictionless Table Schemas. */
#include "smalog/datapackage.h"

#include "smalog/kinds.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

/* A partial EDTF level 1 date as smalog writes it: 2020, 2020-04, 2020-04-01, then ~ ? or %. */
static const char date_pattern[] = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?$";

/* s as a JSON string. */
static void json_string(struct sbuf *b, const char *s)
{
	sb_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			sb_addc(b, '\\');
			sb_addc(b, (char)*p);
		} else if (*p < 0x20) {
			sb_addf(b, "\\u%04x", *p);
		} else {
			sb_addc(b, (char)*p);
		}
	}
	sb_addc(b, '"');
}

/* "name": "value" with its comma (first: none), at an indent. */
static void member(struct sbuf *b, int indent, bool *first, const char *name, const char *value)
{
	sb_adds(b, *first ? "\n" : ",\n");
	*first = false;
	sb_fill(b, ' ', (size_t)indent);
	json_string(b, name);
	sb_adds(b, ": ");
	if (value)
		json_string(b, value);
}

/* ["a", "b"] of n strings. */
static void string_array(struct sbuf *b, const char *const *s, int n)
{
	sb_addc(b, '[');
	for (int i = 0; i < n; i++) {
		if (i)
			sb_adds(b, ", ");
		json_string(b, s[i]);
	}
	sb_addc(b, ']');
}

/* One field descriptor of a kind's Table Schema: its type as the export
 * writes its values, what a value looks like, and its constraints. */
static void field_json(struct sbuf *b, const struct field *f)
{
	const struct field_type_info *t = &field_types[f->type];
	const char *type = "string";
	if (t->integer && !t->sort_key)
		type = t->scale ? "number" : "integer";
	bool first = true;
	sb_adds(b, "{");
	member(b, 10, &first, "name", f->name);
	member(b, 10, &first, "type", type);
	/* "about" values keep their '~' (5000000000~): the number is what is
	 * left once it is stripped, as Table Schema's bareNumber says */
	if (t->approx && t->integer) {
		member(b, 10, &first, "bareNumber", NULL);
		sb_adds(b, "false");
	}
	if (t->hint)
		member(b, 10, &first, "description", t->hint);
	bool bounded = t->integer && !t->scale && f->max > f->min;
	if (f->required || f->choices || t->sort_key || bounded) {
		bool c = true;
		member(b, 10, &first, "constraints", NULL);
		sb_adds(b, "{");
		if (f->required) {
			member(b, 12, &c, "required", NULL);
			sb_adds(b, "true");
		}
		if (f->choices) {
			int n = 0;
			while (f->choices[n])
				n++;
			member(b, 12, &c, "enum", NULL);
			string_array(b, f->choices, n);
		}
		if (t->sort_key)
			member(b, 12, &c, "pattern", date_pattern);
		if (bounded && !t->approx) {
			member(b, 12, &c, "minimum", NULL);
			sb_addf(b, "%" PRId64, f->min);
			member(b, 12, &c, "maximum", NULL);
			sb_addf(b, "%" PRId64, f->max);
		}
		sb_adds(b, "\n          }");
	}
	sb_adds(b, "\n        }");
}

/* The foreign key of field i of kind, if it has one: a reference to one
 * record's natural key (not a list of keys).  Fills from and to (the
 * fields here and there) and *n; *target is the kind referred to. */
static bool foreign_key(const struct kind *kind, int i, const char *from[2], const char *to[2], int *n,
			const struct kind **target)
{
	const struct field *f = &kind->fields[i];
	const struct field_type_info *t = &field_types[f->type];
	*target = t->refers_to ? kind_find(t->refers_to) : NULL;
	if (!*target || t->list_sep)
		return false;
	/* a record named within its agreement (round SMA-11:3) is keyed by
	 * the agreement and the field its taken-key message blames (seq) */
	const struct taken_key *key = &(*target)->taken;
	if (t->in_agreement && key->message && key->blame && kind_field_index(*target, "agreement") >= 0) {
		from[0] = "agreement", from[1] = f->name, to[0] = "agreement", to[1] = key->blame, *n = 2;
		return true;
	}
	if (!t->in_agreement && (*target)->key_field >= 0) {
		from[0] = f->name, to[0] = (*target)->fields[(*target)->key_field].name, *n = 1;
		return true;
	}
	return false;
}

/* The schema's foreignKeys member, if any field has one. */
static void foreign_keys_json(struct sbuf *b, const struct kind *kind)
{
	bool first = true;
	for (int i = 0; i < kind->nfields; i++) {
		const char *from[2], *to[2];
		const struct kind *target;
		int n;
		if (!foreign_key(kind, i, from, to, &n, &target))
			continue;
		sb_adds(b, first ? ",\n      \"foreignKeys\": [\n        {\"fields\": " : ",\n        {\"fields\": ");
		first = false;
		string_array(b, from, n);
		sb_adds(b, ", \"reference\": {\"resource\": ");
		/* a reference within the table names the resource "" (Table Schema) */
		json_string(b, target == kind ? "" : target->name);
		sb_adds(b, ", \"fields\": ");
		string_array(b, to, n);
		sb_adds(b, "}}");
	}
	if (!first)
		sb_adds(b, "\n      ]");
}

/* One resource: KIND.csv with its dialect and Table Schema. */
static void resource_json(struct sbuf *b, const struct kind *kind)
{
	char path[64];
	size_t len = strlen(kind->name);
	memcpy(path, kind->name, len < 59 ? len : 59);
	strcpy(path + (len < 59 ? len : 59), ".csv");
	bool first = true;
	sb_adds(b, "    {");
	member(b, 6, &first, "name", kind->name);
	member(b, 6, &first, "path", path);
	member(b, 6, &first, "profile", "tabular-data-resource");
	member(b, 6, &first, "title", kind->plural);
	member(b, 6, &first, "description", kind->summary);
	member(b, 6, &first, "format", "csv");
	member(b, 6, &first, "mediatype", "text/csv");
	member(b, 6, &first, "encoding", "utf-8");
	member(b, 6, &first, "dialect", NULL);
	sb_adds(b, "{\"delimiter\": \",\", \"doubleQuote\": true, \"lineTerminator\": \"\\n\", \"quoteChar\": \"\\\"\", "
		   "\"header\": true}");
	member(b, 6, &first, "schema", NULL);
	sb_adds(b, "{\n      \"fields\": [\n        {\"name\": \"uid\", \"type\": \"string\", \"format\": \"uuid\", "
		   "\"description\": \"the record's permanent name, the same in every file\", "
		   "\"constraints\": {\"required\": true, \"unique\": true}}");
	for (int i = 0; i < kind->nfields; i++) {
		sb_adds(b, ",\n        ");
		field_json(b, &kind->fields[i]);
	}
	sb_adds(b, "\n      ],\n      \"primaryKey\": [\"uid\"],\n      \"missingValues\": [\"\"]");
	foreign_keys_json(b, kind);
	sb_adds(b, "\n    }\n    }");
}

void datapackage_json(struct sbuf *out)
{
	sb_adds(out, "{\n  \"profile\": \"tabular-data-package\",\n  \"name\": \"smalog-records\",\n"
		     "  \"title\": \"smalog records\",\n"
		     "  \"description\": \"Every record of a smalog database, one CSV file per kind, as "
		     "'smalog export --all' writes them: uid first, rows in a fixed order, so the same records "
		     "give the same bytes. 'smalog import --all' reads them back.\",\n  \"resources\": [\n");
	for (int k = 0; all_kinds[k]; k++) {
		if (k)
			sb_adds(out, ",\n");
		resource_json(out, all_kinds[k]);
	}
	sb_adds(out, "\n  ]\n}\n");
}
