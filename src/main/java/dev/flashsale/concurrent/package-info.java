/**
 * Small helpers for the application's own threads, used by every layer; it depends on nothing of
 * the application.
 */
package dev.flashsale.concurrent;

