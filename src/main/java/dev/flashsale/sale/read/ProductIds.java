package dev.flashsale.sale.read;

import java.util.Arrays;

/** The ids of every product, as the store had them when loaded (sorted: 8 bytes each, 400 KB for 50,000). */
final class ProductIds {
    private final long[] ids;

    ProductIds(long[] sortedIds) {
        this.ids = sortedIds;
    }

    boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    int size() {
        return ids.length;
    }
}
