/* Small wrappers over libsodium: random tokens, hashes, HMAC tags, encryption at rest. */
#ifndef EP_CRYPTO_H
#define EP_CRYPTO_H
#include <stddef.h>
#include "core/arena.h"

#define TOKEN_BYTES 32
#define HASH_BYTES 32

int crypto_init(void);                                  /* 0 or -1 */
/* A random URL-safe token (base64url, no padding) of `bytes` random bytes. */
char *token_new(struct arena *a, size_t bytes);
/* SHA-256 of a string (tokens are stored only as their hash). */
void hash_sha256(unsigned char out[HASH_BYTES], const char *s, size_t len);
/* HMAC-SHA256 under the configured secret, over the parts joined by '\n'. */
void hmac_parts(unsigned char out[HASH_BYTES], const char *const *parts, size_t nparts);
int bytes_equal(const unsigned char *a, const unsigned char *b, size_t n);   /* constant time */
/* A random integer in [0, upper) without modulo bias. */
unsigned random_below(unsigned upper);
char *hex_encode(struct arena *a, const unsigned char *bin, size_t n);
char *base64_encode(struct arena *a, const unsigned char *bin, size_t n);
/* Secret-box encryption under the configured id_key: nonce || ciphertext. */
unsigned char *seal(struct arena *a, const char *plain, size_t *outlen);
char *unseal(struct arena *a, const unsigned char *sealed, size_t len);   /* NULL if forged */

#endif
