/** Network addresses as the options give them, parsed once for the store and the cluster alike. */
package dev.flashsale.net;
