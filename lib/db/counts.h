/* The admin lists' counters (migration 008): kept by triggers, checked and repaired here. */
#ifndef EP_COUNTS_H
#define EP_COUNTS_H

/* Counter by counter, each check and repair a statement of its own (no lock held across them):
 * the number of counter keys whose sum differed from their rows' count (*off), each such sum
 * then made right. 0, or -1. */
int counts_rebuild(long long *off);

#endif
