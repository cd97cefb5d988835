/* Calendar dates and the day in China (UTC+8). */
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
