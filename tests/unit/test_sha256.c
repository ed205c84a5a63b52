/* test_sha256.c - SHA-256 against the FIPS 180-2 test vectors, padding edges and split input. */
#include "smalog/sha256.h"

#include "check_main.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void hash_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	struct sha256 h;
	sha256_init(&h);
	sha256_update(&h, data, len);
	sha256_final_hex(&h, hex);
}

/* FIPS 180-2, appendix B.1 and B.2, plus the empty message. */
START_TEST(fips_short_messages)
{
	char hex[SHA256_HEX_SIZE];
	hash_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	hash_hex(two_blocks, strlen(two_blocks), hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	hash_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

/* FIPS 180-2, appendix B.3: one million 'a', fed in uneven pieces. */
START_TEST(fips_million_a)
{
	static char a[1100]; /* pieces are 1 to 1057 bytes */
	memset(a, 'a', sizeof a);
	struct sha256 h;
	sha256_init(&h);
	size_t left = 1000000, piece = 1;
	while (left > 0) {
		size_t n = piece < left ? piece : left;
		sha256_update(&h, a, n);
		left -= n;
		piece = piece % 997 + 61;
	}
	char hex[SHA256_HEX_SIZE];
	sha256_final_hex(&h, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* Lengths around the 56-byte padding boundary and whole blocks. */
static const struct {
	size_t n;
	const char *hex;
} edges[] = {
	{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
	{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
	{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
	{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
	{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
	{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
};

START_TEST(padding_edges)
{
	char a[128], hex[SHA256_HEX_SIZE];
	memset(a, 'a', sizeof a);
	hash_hex(a, edges[_i].n, hex);
	ck_assert_str_eq(hex, edges[_i].hex);
	/* the same bytes one at a time */
	struct sha256 h;
	sha256_init(&h);
	for (size_t i = 0; i < edges[_i].n; i++)
		sha256_update(&h, "a", 1);
	sha256_final_hex(&h, hex);
	ck_assert_str_eq(hex, edges[_i].hex);
}
END_TEST

/* Every split of a message into two updates gives the one-piece digest. */
START_TEST(any_split)
{
	char msg[200], whole[SHA256_HEX_SIZE], split[SHA256_HEX_SIZE];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (char)(i * 37 + 11);
	hash_hex(msg, sizeof msg, whole);
	for (size_t cut = 0; cut <= sizeof msg; cut++) {
		struct sha256 h;
		sha256_init(&h);
		sha256_update(&h, msg, cut);
		sha256_update(&h, msg + cut, sizeof msg - cut);
		sha256_final_hex(&h, split);
		ck_assert_msg(strcmp(whole, split) == 0, "split at %zu", cut);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("vectors");
	tcase_add_test(tc, fips_short_messages);
	tcase_add_test(tc, fips_million_a);
	tcase_add_loop_test(tc, padding_edges, 0, (int)(sizeof edges / sizeof edges[0]));
	tcase_add_test(tc, any_split);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
