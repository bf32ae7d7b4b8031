/**
 * The Cache page: the live panel of this process's cache (and, in a cluster, the shared tier and
 * the live nodes), its figures, charts, event log and invalidation buttons. Uses the console's
 * shared root, never another page.
 */
package dev.flashsale.console.cache;

