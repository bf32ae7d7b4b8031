/**
 * The console's shared root: the window ({@code ConsoleApp}), the contract pages plug into, the
 * catalog model the Sales and Products pages share, and small helpers (times, money, styles). It
 * uses no page: pages are found at start, as services. Views stay thin; state lives in
 * view-models tested without a window; long work runs off the FX thread.
 */
package dev.flashsale.console;

