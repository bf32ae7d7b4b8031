/**
 * The Sales page: the sales table with live countdowns, the timeline, the sale form with its
 * daylight-saving care, CSV import and export, and the storefront preview. Uses the console's
 * shared root, never another page.
 */
package dev.flashsale.console.sales;

