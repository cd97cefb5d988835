/* argon2id through libsodium's crypto_pwhash_str, interactive limits. */
#include <string.h>
#include <sodium.h>
#include "core/crypto.h"
#include "core/auth.h"

char *password_hash(struct arena *a, const char *password)
{
	char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return NULL;
	return out;
}

int password_verify(const char *hash, const char *password)
{
	return hash != NULL && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void password_verify_dummy(const char *password)
{
	static char dummy[crypto_pwhash_STRBYTES];
	if (dummy[0] == '\0' &&
	    crypto_pwhash_str_alg(dummy, "expertpool-dummy", 16, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return;
	volatile int ignored = crypto_pwhash_str_verify(dummy, password, strlen(password));
	(void)ignored;
}

char *password_generate(struct arena *a)
{
	static const char letters[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
	static const char digits[] = "23456789";
	static const char all[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char *p = arena_alloc(a, 11);
	for (int i = 0; i < 10; i++)
		p[i] = all[random_below(sizeof all - 1)];
	/* at least one letter and one digit, at random places */
	unsigned li = random_below(10), di = (li + 1 + random_below(9)) % 10;
	p[li] = letters[random_below(sizeof letters - 1)];
	p[di] = digits[random_below(sizeof digits - 1)];
	return p;
}
