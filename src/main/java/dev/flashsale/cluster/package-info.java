/**
 * A node of a cluster through Redis: the shared tier under each node's cache, the invalidation
 * bus, the node registry, and the link's state. It implements the ports the catalog names
 * ({@code SharedTier}, {@code Invalidator.Bus}); the only package that talks to Redis, and one that
 * knows no SQL, store or JavaFX.
 */
package dev.flashsale.cluster;

