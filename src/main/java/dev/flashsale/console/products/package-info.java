/** The Products page: the catalog and its form. Uses the console's shared root, never another page. */
package dev.flashsale.console.products;

