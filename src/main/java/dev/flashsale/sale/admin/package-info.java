/**
 * What admins and operators do: product and sale writes with every rule checked, CSV import and
 * export, audited cache invalidations and warm-up, and the demo catalog. Each write happens in one
 * transaction with its invalidation log rows, then reaches the caches.
 */
package dev.flashsale.sale.admin;

