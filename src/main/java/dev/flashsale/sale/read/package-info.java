/**
 * The storefront's read path: answers cached with single-flight loads, each value's TTL capped at
 * the next sale boundary, unknown products answered from the known ids, and the shared tier of a
 * cluster as a port ({@code SharedTier}). Also the preview of what the storefront would answer at
 * another time. No HTTP here: the storefront serves what this answers.
 */
package dev.flashsale.sale.read;

