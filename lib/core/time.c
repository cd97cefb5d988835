/* Calendar dates and the day in China (UTC+8). */
#include <string.h>
#include <time.h>
#include "core/time.h"

int valid_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

void today_china(int *y, int *m, int *d)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

int age_on(int by, int bm, int bd, int y, int m, int d)
{
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

int date_parse(const char *s, int month_only, int *y, int *m, int *d)
{
	size_t want = month_only ? 7 : 10;
	if (s == NULL || strlen(s) != want)
		return 0;
	for (size_t i = 0; i < want; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = month_only ? 1 : (s[8] - '0') * 10 + (s[9] - '0');
	return *y >= 1900 && *y <= 2999 && valid_date(*y, *m, *d);
}
