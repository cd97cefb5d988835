/* Everything a program of the suite uses, in one include. */
#ifndef EP_H
#define EP_H
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "audit/audit.h"
#include "core/auth.h"
#include "account/captcha.h"
#include "core/config.h"
#include "core/crypto.h"
#include "db/db.h"
#include "files/files.h"
#include "http/form.h"
#include "http/input.h"
#include "core/log.h"
#include "http/ratelimit.h"
#include "http/reply.h"
#include "http/request.h"
#include "http/run.h"
#include "http/session.h"
#include "sms/sms.h"
#include "account/user.h"
#include "core/validate.h"
#endif
