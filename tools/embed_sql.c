/* embed_sql.c - build-time generator: turns sql/ files into a C table of strings, expanding sql/macros.sql. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * SQLite's SQL has no functions of its own, so a formula that several views
 * share (exact rounding, a guarded difference) is a macro: sql/macros.sql
 * defines each as
 *
 *	-- macro: NAME(a, b)
 *	body, in which a and b stand for the arguments
 *
 * up to the next "-- macro:" line, its own "--" comment lines left out, and
 * any embedded file calls it as @NAME(x, y).  Each argument goes in
 * parentheses unless it is a plain name or number; a body may call other
 * macros.  The text that SQLite (and a user reading a view in the file)
 * sees is the expansion.
 */

#define MAX_MACROS 32
#define MAX_PARAMS 8

struct macro {
	char name[64];
	char param[MAX_PARAMS][32];
	int nparams;
	char *body;
};

static struct macro macros[MAX_MACROS];
static int nmacros;

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			fputs("embed_sql: out of memory\n", stderr);
			exit(70);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static char *read_all(const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		perror(path);
		return NULL;
	}
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		put(&b, chunk, n);
	put(&b, "", 0);
	int bad = ferror(in);
	fclose(in);
	if (bad) {
		perror(path);
		free(b.s);
		return NULL;
	}
	return b.s;
}

static int is_word(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Read the definitions of the macro file's text.  0, or -1 on a malformed one. */
static int define_macros(const char *path, const char *text)
{
	static const char marker[] = "-- macro: ";
	struct macro *m = NULL;
	struct buf body = { 0 };
	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");
		const char *next = line + len + (line[len] == '\n');
		if (strncmp(line, marker, sizeof marker - 1) == 0) {
			if (m)
				m->body = body.s ? body.s : calloc(1, 1);
			body = (struct buf){ 0 };
			if (nmacros == MAX_MACROS) {
				fprintf(stderr, "%s: more than %d macros\n", path, MAX_MACROS);
				return -1;
			}
			m = &macros[nmacros++];
			const char *p = line + sizeof marker - 1;
			size_t n = 0;
			while (is_word(p[n]) && n < sizeof m->name - 1)
				n++;
			memcpy(m->name, p, n);
			p += n;
			if (n == 0 || *p != '(') {
				fprintf(stderr, "%s: a macro line needs NAME(PARAMS): %.*s\n", path, (int)len, line);
				return -1;
			}
			for (p++; *p != ')';) {
				while (*p == ' ' || *p == ',')
					p++;
				if (*p == ')')
					break;
				n = 0;
				while (is_word(p[n]))
					n++;
				if (n == 0 || n >= sizeof m->param[0] || m->nparams == MAX_PARAMS) {
					fprintf(stderr, "%s: bad parameters: %.*s\n", path, (int)len, line);
					return -1;
				}
				memcpy(m->param[m->nparams++], p, n);
				p += n;
			}
		} else if (m && strncmp(line, "--", 2) != 0) {
			put(&body, line, len);
			put(&body, "\n", 1);
		}
		line = next;
	}
	if (m)
		m->body = body.s ? body.s : calloc(1, 1);
	/* a body ends without its last newline, so a call stays on its line */
	for (int i = 0; i < nmacros; i++) {
		size_t n = strlen(macros[i].body);
		while (n > 0 && isspace((unsigned char)macros[i].body[n - 1]))
			macros[i].body[--n] = '\0';
	}
	return 0;
}

static int expand(const char *path, const char *text, size_t len, struct buf *out, int depth);

/* Whether an argument is a plain name or number, which needs no parentheses. */
static int is_plain(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_word(s[i]) && s[i] != '.')
			return 0;
	return n > 0;
}

/* Expand the call of m whose arguments start at *pp, just past '('; *pp
 * ends past the closing ')'. */
static int expand_call(const char *path, const struct macro *m, const char **pp, const char *end, struct buf *out,
		       int depth)
{
	const char *arg[MAX_PARAMS];
	size_t arglen[MAX_PARAMS];
	int nargs = 0, level = 0;
	const char *p = *pp, *start = p;
	for (; p < end; p++) {
		if (*p == '\'') {
			/* a string: '' inside it is a quote */
			for (p++; p < end && !(*p == '\'' && p[1] != '\''); p += *p == '\'' ? 2 : 1)
				;
			continue;
		}
		if (*p == '(') {
			level++;
		} else if ((*p == ',' || *p == ')') && level == 0) {
			if (nargs == MAX_PARAMS)
				break;
			while (start < p && isspace((unsigned char)*start))
				start++;
			const char *e = p;
			while (e > start && isspace((unsigned char)e[-1]))
				e--;
			arg[nargs] = start;
			arglen[nargs++] = (size_t)(e - start);
			start = p + 1;
			if (*p == ')')
				break;
		} else if (*p == ')') {
			level--;
		}
	}
	if (p >= end || *p != ')' || nargs != m->nparams) {
		fprintf(stderr, "%s: @%s takes %d arguments\n", path, m->name, m->nparams);
		return -1;
	}
	*pp = p + 1;
	/* substitute the parameters, then expand the calls of the result */
	struct buf sub = { 0 };
	for (const char *b = m->body; *b;) {
		if (is_word(*b)) {
			size_t n = 0;
			while (is_word(b[n]))
				n++;
			int k = 0;
			while (k < m->nparams && !(strlen(m->param[k]) == n && strncmp(m->param[k], b, n) == 0))
				k++;
			if (k < m->nparams && (b == m->body || b[-1] != '@')) {
				int plain = is_plain(arg[k], arglen[k]);
				if (!plain)
					put(&sub, "(", 1);
				put(&sub, arg[k], arglen[k]);
				if (!plain)
					put(&sub, ")", 1);
			} else {
				put(&sub, b, n);
			}
			b += n;
		} else if (*b == '\'') {
			const char *s = b++;
			while (*b && !(*b == '\'' && b[1] != '\''))
				b += *b == '\'' ? 2 : 1;
			if (*b)
				b++;
			put(&sub, s, (size_t)(b - s));
		} else {
			put(&sub, b++, 1);
		}
	}
	int rc = expand(path, sub.s ? sub.s : "", sub.len, out, depth + 1);
	free(sub.s);
	return rc;
}

/* Append text with every @NAME(...) call expanded to out.  0 or -1. */
static int expand(const char *path, const char *text, size_t len, struct buf *out, int depth)
{
	if (depth > 8) {
		fprintf(stderr, "%s: macros call each other too deeply\n", path);
		return -1;
	}
	const char *end = text + len;
	for (const char *p = text; p < end;) {
		if (*p == '\'') {
			const char *s = p++;
			while (p < end && !(*p == '\'' && (p + 1 >= end || p[1] != '\'')))
				p += *p == '\'' ? 2 : 1;
			if (p < end)
				p++;
			put(out, s, (size_t)(p - s));
		} else if (p[0] == '-' && p + 1 < end && p[1] == '-') {
			size_t n = strcspn(p, "\n");
			if (n > (size_t)(end - p))
				n = (size_t)(end - p);
			put(out, p, n);
			p += n;
		} else if (*p == '@' && p + 1 < end && is_word(p[1])) {
			size_t n = 1;
			while (p + n < end && is_word(p[n]))
				n++;
			int k = 0;
			while (k < nmacros && !(strlen(macros[k].name) == n - 1 && strncmp(macros[k].name, p + 1, n - 1) == 0))
				k++;
			if (k == nmacros || p + n >= end || p[n] != '(') {
				fprintf(stderr, "%s: unknown macro %.*s\n", path, (int)n, p);
				return -1;
			}
			p += n + 1;
			if (expand_call(path, &macros[k], &p, end, out, depth) != 0)
				return -1;
		} else {
			put(out, p++, 1);
		}
	}
	return 0;
}

/* Write text as a C string literal, line by line. */
static void emit_text(FILE *out, const char *text)
{
	int at_line_start = 1;
	for (const char *p = text; *p; p++) {
		int c = (unsigned char)*p;
		if (at_line_start) {
			fputs("\t\"", out);
			at_line_start = 0;
		}
		switch (c) {
		case '\\': fputs("\\\\", out); break;
		case '"': fputs("\\\"", out); break;
		case '\r': break;
		case '\n': fputs("\\n\"\n", out); at_line_start = 1; break;
		case '\t': fputs("\\t", out); break;
		default:
			if (c < 0x20)
				fprintf(out, "\\%03o", c);
			else
				fputc(c, out);
		}
	}
	if (!at_line_start)
		fputs("\"\n", out);
	if (!*text)
		fputs("\t\"\"\n", out);
}

/* The name of a file: its path below the last "sql/" folder. */
static const char *name_of(const char *path)
{
	const char *name = path;
	for (const char *p = path; (p = strstr(p, "sql/")); p += 4)
		name = p + 4;
	return name;
}

/* usage: embed_sql OUTPUT.c FILE... ; names are paths below SOURCE_ROOT/sql/,
 * and the file named macros.sql defines the macros of every other */
int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: embed_sql OUTPUT.c FILE...\n");
		return 64;
	}
	char **text = calloc((size_t)argc, sizeof *text);
	if (!text)
		return 70;
	for (int i = 2; i < argc; i++) {
		if (!(text[i] = read_all(argv[i])))
			return 74;
		if (strcmp(name_of(argv[i]), "macros.sql") == 0 && define_macros(argv[i], text[i]) != 0)
			return 65;
	}
	FILE *out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 73;
	}
	fputs("/* Generated by tools/embed_sql.c from sql/: do not edit. */\n"
	      "#include \"smalog/sql.h\"\n\n"
	      "const struct sql_file sql_files[] = {\n", out);
	for (int i = 2; i < argc; i++) {
		struct buf expanded = { 0 };
		put(&expanded, "", 0);
		if (strcmp(name_of(argv[i]), "macros.sql") == 0)
			put(&expanded, text[i], strlen(text[i]));
		else if (expand(argv[i], text[i], strlen(text[i]), &expanded, 0) != 0)
			return 65;
		fprintf(out, "{ \"%s\",\n", name_of(argv[i]));
		emit_text(out, expanded.s);
		fputs("},\n", out);
		free(expanded.s);
	}
	fputs("{ 0, 0 }\n};\n", out);
	for (int i = 2; i < argc; i++)
		free(text[i]);
	free(text);
	for (int i = 0; i < nmacros; i++)
		free(macros[i].body);
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 74;
	}
	return 0;
}
