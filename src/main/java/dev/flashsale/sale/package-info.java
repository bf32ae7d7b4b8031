/**
 * The catalog's domain: products, flash sales and what the storefront answers about them, the
 * rules a value must follow, the cache keys, and what an invalidation names. Values and checks
 * only: no SQL, store, cache, JavaFX or Redis. The packages below it are its roles: persistence,
 * invalidation, the read service and administration.
 */
package dev.flashsale.sale;

