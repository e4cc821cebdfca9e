// Only comments: no statements at all.
/* Promise.all([a(), b()]); */
/**
 * fetch(url);
 */
