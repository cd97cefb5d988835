/* What a domain function tells its caller: the outcome as a kind, and the caller (a program)
 * turns it into HTTP (reply_result in http/reply.h) or an exit status (the console tools). */
#ifndef EP_RESULT_H
#define EP_RESULT_H

enum result {
	RES_OK,
	RES_NOT_FOUND,            /* nothing of that name, or nothing the caller may see */
	RES_CONFLICT,             /* the state (or version) does not allow it now */
	RES_INVALID,              /* the input is wrong: field errors say where */
	RES_FORBIDDEN,            /* not this caller, whatever the input */
	RES_FAILED,               /* the database (or another resource) failed */
};

/* A change a domain made (in the caller's transaction), for the program to audit, commit and
 * reply with — or to roll back and refuse. */
struct outcome {
	enum result status;
	const char *field;              /* RES_INVALID: the input at fault */
	const char *message;            /* Chinese, for the page (NULL: the status's own) */
	long long id;                   /* the object added or changed */
	long long other;                /* another object the refusal is about (0: none) */
	struct cJSON *summary;          /* before and after, for the audit record */
	struct cJSON *data;             /* the object as it is now */
};

#endif
