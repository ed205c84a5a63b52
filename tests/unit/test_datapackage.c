/* test_datapackage.c - Check unit tests for datapackage.json (the kinds as Table Schemas) and uid parsing. */
#include "check_main.h"

#include "smalog/datapackage.h"
#include "smalog/kinds.h"
#include "smalog/record.h"

#include <stdio.h>
#include <string.h>

START_TEST(uid_canonical_form)
{
	char uid[UID_SIZE], err[256];
	ck_assert_int_eq(record_uid_parse("0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2b", uid, err, sizeof err), 0);
	ck_assert_str_eq(uid, "0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2b");
	/* upper case is the same uid, kept in lower case */
	ck_assert_int_eq(record_uid_parse("0F8E2A4C-1B3D-4E5F-9A6B-7C8D9E0F1A2B", uid, err, sizeof err), 0);
	ck_assert_str_eq(uid, "0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2b");
}
END_TEST

START_TEST(uid_refused)
{
	static const char *const bad[] = {
		"",
		"0f8e2a4c1b3d4e5f9a6b7c8d9e0f1a2b",        /* no dashes */
		"0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2",      /* one digit short */
		"0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2b0",    /* one too many */
		"0f8e2a4c1-b3d-4e5f-9a6b-7c8d9e0f1a2b",     /* a dash out of place */
		"0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2g",     /* not hexadecimal */
		" 0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2b",    /* a space */
		"{0f8e2a4c-1b3d-4e5f-9a6b-7c8d9e0f1a2b}",   /* braces */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char uid[UID_SIZE] = "x", err[256] = "";
		ck_assert_msg(record_uid_parse(bad[i], uid, err, sizeof err) == -1, "accepted '%s'", bad[i]);
		ck_assert_str_eq(uid, "");
		ck_assert_msg(strstr(err, "invalid uid '") == err, "message: %s", err);
	}
	char uid[UID_SIZE], err[256];
	record_uid_parse("abc", uid, err, sizeof err);
	ck_assert_str_eq(err, "invalid uid 'abc' (expected a UUID: 32 hexadecimal digits as 8-4-4-4-12, "
			      "as 'smalog export' writes it)");
}
END_TEST

/* Brackets and braces balance outside strings, and strings close. */
static bool balanced(const char *s)
{
	char stack[64];
	int depth = 0;
	bool in_string = false;
	for (const char *p = s; *p; p++) {
		if (in_string) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				in_string = false;
		} else if (*p == '"') {
			in_string = true;
		} else if (*p == '{' || *p == '[') {
			if (depth == 64)
				return false;
			stack[depth++] = *p;
		} else if (*p == '}' || *p == ']') {
			if (depth == 0 || stack[--depth] != (*p == '}' ? '{' : '['))
				return false;
		}
	}
	return depth == 0 && !in_string;
}

START_TEST(package_is_the_same_every_time)
{
	struct sbuf a = { 0 }, b = { 0 };
	datapackage_json(&a);
	datapackage_json(&b);
	ck_assert_str_eq(sb_str(&a), sb_str(&b));
	const char *json = sb_str(&a);
	ck_assert(balanced(json));
	ck_assert(strncmp(json, "{\n  \"profile\": \"tabular-data-package\",\n", 39) == 0);
	ck_assert(!strchr(json, '\r'));
	size_t len = strlen(json);
	ck_assert(len > 2 && strcmp(json + len - 2, "}\n") == 0);
	sb_release(&a);
	sb_release(&b);
}
END_TEST

START_TEST(package_has_every_kind_in_order)
{
	struct sbuf b = { 0 };
	datapackage_json(&b);
	const char *json = sb_str(&b), *at = json;
	for (int k = 0; all_kinds[k]; k++) {
		char want[128];
		snprintf(want, sizeof want, "\"name\": \"%s\",\n      \"path\": \"%s.csv\"", all_kinds[k]->name,
			 all_kinds[k]->name);
		const char *hit = strstr(at, want);
		ck_assert_msg(hit != NULL, "no resource %s after the one before it", all_kinds[k]->name);
		at = hit + 1;
	}
	int keys = 0;
	for (const char *p = json; (p = strstr(p, "\"primaryKey\": [\"uid\"]")) != NULL; p++)
		keys++;
	ck_assert_int_eq(keys, KIND_COUNT);
	sb_release(&b);
}
END_TEST

START_TEST(schema_types_and_keys)
{
	struct sbuf b = { 0 };
	datapackage_json(&b);
	const char *json = sb_str(&b);
	/* a partial date is a string with a pattern; a required field says so */
	ck_assert(strstr(json, "{\n          \"name\": \"date\",\n          \"type\": \"string\""));
	ck_assert(strstr(json, "\"pattern\": \"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?$\""));
	/* an amount may be "about" (5000000000~): an integer that is not bare */
	ck_assert(strstr(json, "\"name\": \"amount\",\n          \"type\": \"integer\",\n          \"bareNumber\": false"));
	/* pct and per_usd are decimals */
	ck_assert(strstr(json, "\"name\": \"pct\",\n          \"type\": \"number\""));
	ck_assert(strstr(json, "\"name\": \"per_usd\",\n          \"type\": \"number\""));
	/* choices, bounds */
	ck_assert(strstr(json, "\"enum\": [\"offer\", \"demand\"]"));
	ck_assert(strstr(json, "\"name\": \"start_year\",\n          \"type\": \"integer\""));
	ck_assert(strstr(json, "\"minimum\": 1,\n            \"maximum\": 9999"));
	/* references by natural key, a round within its agreement, previous within the table */
	ck_assert(strstr(json, "{\"fields\": [\"agreement\"], \"reference\": {\"resource\": \"agreement\", \"fields\": [\"code\"]}}"));
	ck_assert(strstr(json, "{\"fields\": [\"agreement\", \"round\"], \"reference\": {\"resource\": \"round\", "
			       "\"fields\": [\"agreement\", \"seq\"]}}"));
	ck_assert(strstr(json, "{\"fields\": [\"previous\"], \"reference\": {\"resource\": \"\", \"fields\": [\"code\"]}}"));
	/* a list of cited source keys has no foreign key */
	ck_assert(!strstr(json, "{\"fields\": [\"source\"]"));
	sb_release(&b);
}
END_TEST

static Suite *datapackage_suite(void)
{
	Suite *s = suite_create("datapackage");
	TCase *tc = tcase_create("datapackage");
	tcase_add_test(tc, uid_canonical_form);
	tcase_add_test(tc, uid_refused);
	tcase_add_test(tc, package_is_the_same_every_time);
	tcase_add_test(tc, package_has_every_kind_in_order);
	tcase_add_test(tc, schema_types_and_keys);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(datapackage_suite());
}
