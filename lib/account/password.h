/* The password policy beyond the rules of the form (core/validate.c: length, a letter and a
 * digit): nothing of the account's own phone number, username or ID number, and none of the most
 * common passwords (<share_dir>/common-passwords.txt, read once per process). */
#ifndef EP_PASSWORD_H
#define EP_PASSWORD_H

/* What is known of the person choosing the password; any member may be NULL. */
struct password_owner {
	const char *phone;              /* E.164 */
	const char *username;
	const char *id_number;          /* of the user's application, when there is one */
};

/* Whether `password` may be chosen by `o`: 0 yes; 1 no, with *why the Chinese message for the
 * field; -1 the list of common passwords cannot be read (logged; nothing may be chosen then).
 * Compares without regard to case. */
int password_refused(const char *password, const struct password_owner *o, const char **why);

#endif
