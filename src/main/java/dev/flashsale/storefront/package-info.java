/**
 * The storefront's HTTP API ({@code /api/...}, {@code /health}, {@code /metrics}) on Jetty: routes,
 * replies, metrics and the limits that keep slow or hostile clients from holding the node. The only
 * package that serves HTTP.
 */
package dev.flashsale.storefront;

