/* Rate limits and lockouts, kept in the database so every web node shares them. */
#ifndef EP_RATELIMIT_H
#define EP_RATELIMIT_H

/* The limits of the suite, in one place. */
#define SMS_RESEND_SECONDS 60            /* per phone and purpose */
#define LIMIT_SMS_PER_PHONE_DAY 10
#define LIMIT_SMS_PER_IP_HOUR 200
#define LIMIT_CAPTCHA_PER_IP_MINUTE 120
/* Failed password logins, in LOCK_WINDOW. An account is never locked for everybody: an address
 * that failed LIMIT_LOGIN_FAILS_ACCOUNT_IP times is refused that account (and an identifier that
 * matches no account the same way); once the account has LIMIT_LOGIN_ATTACK failures from all
 * addresses together, each address may fail it only LIMIT_LOGIN_FAILS_ACCOUNT_IP_ATTACKED times.
 * An address that has not failed is never refused the right password (with the right captcha). */
#define LIMIT_LOGIN_FAILS_ACCOUNT_IP 5
#define LIMIT_LOGIN_ATTACK 10
#define LIMIT_LOGIN_FAILS_ACCOUNT_IP_ATTACKED 2
#define LIMIT_LOGIN_FAILS_IP 50          /* in LOCK_WINDOW: locks the IP */
/* Wrong registration codes, in LOCK_WINDOW: lock registration for the phone, or the IP. */
#define LIMIT_REGISTER_FAILS_PHONE 10
#define LIMIT_REGISTER_FAILS_IP 30
#define LOCK_WINDOW_SECONDS (15 * 60)
#define LOCK_SECONDS (15 * 60)
#define LIMIT_SUBMITS_PER_DAY 10         /* submissions of one application (each withdrawal needs one) */

/* Counts a hit in the bucket's current fixed window of `window` seconds.
 * Returns 0 when within `max`, the seconds until the window ends when over, -1 on error. */
long ratelimit_hit(const char *bucket, long window, long max);

/* A cooldown: the action may happen once per `seconds` for this key. Returns 0 when it may
 * (and starts the cooldown), the seconds left when not, -1 on error. */
long cooldown_take(const char *key, long seconds);

/* Lockouts after repeated failures: seconds left (0: not locked), -1 on error. */
long lockout_left(const char *key);
int lockout_fail(const char *key, long max);         /* counts a failure: 0 or -1 */
int lockout_clear(const char *key);
/* The failures counted for the key in the current window (0 when none), -1 on error. */
long lockout_failures(const char *key);

#endif
