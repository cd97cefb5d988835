/* Calendar dates and the day in China (UTC+8, no daylight saving). */
#ifndef EP_TIME_H
#define EP_TIME_H

int valid_date(int y, int m, int d);
/* Today in China (UTC+8, no daylight saving), whatever the server's zone. */
void today_china(int *y, int *m, int *d);
/* Whole years from a birth date to a day (born 29 Feb: a year older on 1 Mar of common years). */
int age_on(int by, int bm, int bd, int y, int m, int d);

#endif
