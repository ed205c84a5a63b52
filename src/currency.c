/* currency.c - the ISO 4217 list of active codes as a sorted table, and suggestions for near misses. */
#include "smalog/currency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * ISO 4217 list one, the codes in use (2025), sorted for bsearch: national
 * currencies, fund codes (BOV, CHE, CLF, USN...), and the supranational
 * and precious-metal units.  XTS (reserved for testing) and XXX (no
 * currency) are left out: an amount in either is a mistake.
 */
static const char codes[][4] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
	"BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
	"CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK",
	"DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF",
	"GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
	"JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
	"LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
	"MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP",
	"PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
	"SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP",
	"TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
	"VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF",
	"XPD", "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG",
};

enum { NCODES = sizeof codes / sizeof codes[0] };

/* The codes a record of these talks names most, in that order: a near
 * miss is suggested as one of these before any other. */
static const char *const common[] = { "KRW", "USD", "EUR", "JPY", "CNY", "GBP" };

/* Names and symbols users type for a currency, and wrong codes in common
 * use, compared without regard to ASCII case. */
static const struct {
	const char *name;
	const char *code;
} aliases[] = {
	{ "won", "KRW" },          { "korean won", "KRW" }, { "\xec\x9b\x90", "KRW" }, /* 원 */
	{ "\xe2\x82\xa9", "KRW" }, /* ₩ */
	{ "dollar", "USD" },       { "dollars", "USD" },    { "us dollar", "USD" },    { "us dollars", "USD" },
	{ "$", "USD" },            { "us$", "USD" },        { "usd$", "USD" },
	{ "euro", "EUR" },         { "euros", "EUR" },      { "\xe2\x82\xac", "EUR" }, /* € */
	{ "yen", "JPY" },          { "\xc2\xa5", "JPY" },   { "\xe5\x86\x86", "JPY" }, /* ¥ 円 */
	{ "yuan", "CNY" },         { "renminbi", "CNY" },   { "rmb", "CNY" },
	{ "pound", "GBP" },        { "pounds", "GBP" },     { "sterling", "GBP" },     { "ukp", "GBP" },
	{ "\xc2\xa3", "GBP" },     /* £ */
	{ "ntd", "TWD" },          { "nt$", "TWD" },        { "rouble", "RUB" },       { "ruble", "RUB" },
};

static int compare_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

bool currency_known(const char *code)
{
	return strlen(code) == 3 && bsearch(code, codes, NCODES, sizeof codes[0], compare_code) != NULL;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Optimal string alignment distance between a (upper-cased, at most 8
 * bytes) and a code: insertions, deletions, substitutions and swaps of
 * two neighbours each count one. */
static int distance(const char *a, size_t n, const char *code)
{
	int d[9][4];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= 3; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= 3; j++) {
			int cost = a[i - 1] != code[j - 1];
			int best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == code[j - 2] && a[i - 2] == code[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][3];
}

/* Rank of a code among the common ones, or the count of them when it is
 * not one. */
static int rank(const char *code)
{
	int n = (int)(sizeof common / sizeof common[0]);
	for (int i = 0; i < n; i++)
		if (strcmp(code, common[i]) == 0)
			return i;
	return n;
}

int currency_suggest(const char *text, char *buf, size_t bufsz)
{
	if (bufsz == 0)
		return 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcasecmp(text, aliases[i].name) == 0) {
			snprintf(buf, bufsz, "%s", aliases[i].code);
			return 1;
		}

	char a[9];
	size_t n = strlen(text);
	if (n == 0 || n > 8)
		return 0;
	for (size_t i = 0; i < n; i++) {
		a[i] = upper(text[i]);
		if (a[i] < 'A' || a[i] > 'Z')
			return 0;
	}

	/* the best three, by distance, then common codes first, then A-Z */
	const char *best[3] = { NULL };
	int best_key[3] = { 0 }, found = 0;
	int ncommon = (int)(sizeof common / sizeof common[0]);
	for (int c = 0; c < NCODES; c++) {
		int d = distance(a, n, codes[c]);
		int r = rank(codes[c]);
		if (d == 0 || d > 2 || (d == 2 && r == ncommon))
			continue;
		int key = d * (ncommon + 1) + r; /* codes are visited A-Z */
		int at = found < 3 ? found : 3;
		while (at > 0 && best_key[at - 1] > key)
			at--;
		if (at == 3)
			continue;
		for (int k = (found < 3 ? found : 2); k > at; k--) {
			best[k] = best[k - 1];
			best_key[k] = best_key[k - 1];
		}
		best[at] = codes[c];
		best_key[at] = key;
		if (found < 3)
			found++;
	}
	/* a closer code alone: "KWR" is KRW, not also KWD */
	int shown = found;
	for (int k = 1; k < found; k++)
		if (best_key[k] / (ncommon + 1) > best_key[0] / (ncommon + 1) || best_key[0] % (ncommon + 1) < ncommon) {
			shown = k;
			break;
		}
	if (shown == 1)
		snprintf(buf, bufsz, "%s", best[0]);
	else if (shown == 2)
		snprintf(buf, bufsz, "%s or %s", best[0], best[1]);
	else if (shown == 3)
		snprintf(buf, bufsz, "%s, %s or %s", best[0], best[1], best[2]);
	return shown;
}
