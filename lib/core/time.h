/* Calendar dates and the day in China (UTC+8, no daylight saving). */
#ifndef EP_TIME_H
#define EP_TIME_H

int valid_date(int y, int m, int d);
/* Today in China (UTC+8, no daylight saving), whatever the server's zone. */
void today_china(int *y, int *m, int *d);
/* Whole years from a birth date to a day (born 29 Feb: a year older on 1 Mar of common years). */
int age_on(int by, int bm, int bd, int y, int m, int d);

/* "YYYY-MM-DD" (or "YYYY-MM" when month_only: *d = 1), a real date of 1900–2999, into y/m/d:
 * 1, or 0 for anything else (signs, spaces, 2023-02-29). */
int date_parse(const char *s, int month_only, int *y, int *m, int *d);

#endif
