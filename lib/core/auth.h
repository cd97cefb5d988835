/* Passwords: argon2id hashes (libsodium), verification, generated initial passwords. */
#ifndef EP_AUTH_H
#define EP_AUTH_H
#include "core/arena.h"

char *password_hash(struct arena *a, const char *password);     /* NULL on failure */
int password_verify(const char *hash, const char *password);    /* 1 match, 0 not */
/* Spends the time of one verification, for accounts that do not exist. */
void password_verify_dummy(const char *password);
/* A random initial password: 10 characters, letters and digits, none easily confused. */
char *password_generate(struct arena *a);

#endif
