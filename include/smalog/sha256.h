/* sha256.h - SHA-256 (FIPS 180-4) of a byte stream, to recognize an input file imported before. */
#ifndef SMALOG_SHA256_H
#define SMALOG_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
/* Room for the lowercase hex digest and its NUL. */
#define SHA256_HEX_SIZE (2 * SHA256_DIGEST_SIZE + 1)

struct sha256 {
	uint32_t state[8];
	uint64_t length;       /* bytes hashed so far */
	unsigned char block[64];
	size_t used;           /* bytes waiting in block */
};

void sha256_init(struct sha256 *h);

/* Hash len more bytes; any split of the input gives the same digest. */
void sha256_update(struct sha256 *h, const void *data, size_t len);

/* Finish and write the digest as 64 lowercase hex digits and a NUL; h must
 * be sha256_init'ed again before reuse. */
void sha256_final_hex(struct sha256 *h, char hex[SHA256_HEX_SIZE]);

#endif
