/**
 * Where invalidations go: into the log within the writing transaction, out of this process's cache
 * and onto a cluster's bus after the commit, and, from the other processes, back in through the
 * log's follower. It names what it needs from a cluster ({@code Invalidator.Bus}) without knowing
 * Redis.
 */
package dev.flashsale.sale.invalidation;

