/**
 * The store: a SQLite file or a PostgreSQL database behind one {@code Database}, the schema's
 * migrations, connections and their time limits, change signals for the invalidation log, and the
 * store's clock. The only package that touches the drivers and the pool.
 */
package dev.flashsale.store;

