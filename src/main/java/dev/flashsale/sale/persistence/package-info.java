/**
 * The catalog's tables: products, sales, the audit and the invalidation log. With the store, the
 * only code that runs SQL; each method works on a connection (a transaction) its caller got from
 * the store, so one write can span several repositories.
 */
package dev.flashsale.sale.persistence;

