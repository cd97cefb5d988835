/* The admin lists' counters (migration 008): kept by triggers, checked and rebuilt here. */
#ifndef EP_COUNTS_H
#define EP_COUNTS_H

/* In one transaction: the number of counter keys whose sum differed from their rows' count
 * (*off), then every counter made anew from the rows. 0, or -1 (rolled back). */
int counts_rebuild(long long *off);

#endif
