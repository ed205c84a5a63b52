/* error.c - keeps the first error message and its exit code for main to report. */
#include "smalog/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static char error_text[1024];
static int error_code;

int sm_error(int code, const char *fmt, ...)
{
	if (error_code != 0)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(error_text, sizeof error_text, fmt, ap);
	va_end(ap);
	error_code = code;
	return code;
}

const char *sm_error_message(void)
{
	return error_text;
}

int sm_error_code(void)
{
	return error_code;
}

void sm_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(error_text, sizeof error_text, fmt, ap);
	va_end(ap);
	fprintf(stderr, "smalog: internal error: %s (%s:%d)\n", error_text, file, line);
	abort();
}

void sm_error_clear(void)
{
	error_text[0] = '\0';
	error_code = 0;
}
