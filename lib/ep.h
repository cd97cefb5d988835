/* Everything a program of the suite uses, in one include. */
#ifndef EP_H
#define EP_H
#include <cjson/cJSON.h>
#include "arena.h"
#include "audit.h"
#include "auth.h"
#include "captcha.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "files.h"
#include "form.h"
#include "input.h"
#include "log.h"
#include "ratelimit.h"
#include "reply.h"
#include "request.h"
#include "run.h"
#include "session.h"
#include "sms.h"
#include "user.h"
#include "validate.h"
#endif
