/* libsodium wrappers; keys come from the configuration. */
#include <string.h>
#include <sodium.h>
#include "core/config.h"
#include "core/crypto.h"

int crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

char *token_new(struct arena *a, size_t bytes)
{
	unsigned char buf[64];
	if (bytes > sizeof buf)
		bytes = sizeof buf;
	randombytes_buf(buf, bytes);
	size_t len = sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(a, len);
	sodium_bin2base64(out, len, buf, bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

void hash_sha256(unsigned char out[HASH_BYTES], const char *s, size_t len)
{
	crypto_hash_sha256(out, (const unsigned char *)s, len);
}

void hmac_parts(unsigned char out[HASH_BYTES], const char *const *parts, size_t nparts)
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, cfg.secret, sizeof cfg.secret);
	for (size_t i = 0; i < nparts; i++) {
		if (i > 0)
			crypto_auth_hmacsha256_update(&st, (const unsigned char *)"\n", 1);
		crypto_auth_hmacsha256_update(&st, (const unsigned char *)parts[i], strlen(parts[i]));
	}
	crypto_auth_hmacsha256_final(&st, out);
}

int bytes_equal(const unsigned char *a, const unsigned char *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

unsigned random_below(unsigned upper)
{
	return randombytes_uniform(upper);
}

char *hex_encode(struct arena *a, const unsigned char *bin, size_t n)
{
	char *out = arena_alloc(a, n * 2 + 1);
	sodium_bin2hex(out, n * 2 + 1, bin, n);
	return out;
}

char *base64_encode(struct arena *a, const unsigned char *bin, size_t n)
{
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *out = arena_alloc(a, len);
	sodium_bin2base64(out, len, bin, n, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

unsigned char *seal(struct arena *a, const char *plain, size_t *outlen)
{
	size_t n = strlen(plain);
	*outlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
	unsigned char *out = arena_alloc(a, *outlen);
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, n,
	                      out, cfg.id_key);
	return out;
}

char *unseal(struct arena *a, const unsigned char *sealed, size_t len)
{
	if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	size_t n = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	char *out = arena_alloc(a, n + 1);
	if (crypto_secretbox_open_easy((unsigned char *)out, sealed + crypto_secretbox_NONCEBYTES,
	                               len - crypto_secretbox_NONCEBYTES, sealed, cfg.id_key) != 0)
		return NULL;
	out[n] = '\0';
	return out;
}
