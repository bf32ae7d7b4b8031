/**
 * The application: {@code main()}, the command line (options and the commands for scripts) and the
 * one place that wires everything together for the console, a headless node and the commands.
 * Nothing below depends on it; it may use every other package.
 */
package dev.flashsale.app;

