/**
 * The shared TTL cache: lock-free hits on a coarse monotonic clock, single-flight loads, a size
 * bound, statistics, events and refresh-ahead. The bottom layer: it knows no SQL, HTTP, JavaFX or
 * Redis, nor anything of the catalog it caches.
 */
package dev.flashsale.cache;

