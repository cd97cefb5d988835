/* The search dictionary behind the admin lists' name and employer searches: every distinct
 * name and employer held by an expert or an application, in its normalized form (core/text.h),
 * once (search_texts), with its grams (search_grams). A row points at its texts by id
 * (name_sid, employer_sid), written by the same statement that writes the name or employer; a
 * search finds the texts holding its grams, then the rows that point at them (listing.h). */
#ifndef EP_SEARCH_H
#define EP_SEARCH_H

/* The ids of the texts raw[0…n-1] (n at most 2), each added with its grams when new (in the
 * caller's transaction, or in one of its own when there is none, so that a text never lacks its
 * grams). An id is 0 for NULL or a text with nothing to search. 0, or -1 on failure. */
int search_texts(const char *const *raw, long long *ids, int n);

/* expertpool-admin reindex-search: every expert's and application's text ids anew from their
 * name and employer, the texts no row uses any more dropped, the grams of every text made again.
 * In batches, each its own transaction; safe while the programs run. */
struct search_reindex {
	long long rows, changed, dropped, texts, grams;
};
int search_reindex(struct search_reindex *out);

#endif
