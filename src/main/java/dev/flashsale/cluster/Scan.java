package dev.flashsale.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Keys matching a pattern with {@code SCAN}, page by page (never {@code KEYS}, which stops Redis for everyone). */
final class Scan {
    private Scan() {
    }

    /** Calls {@code page} with each non-empty page of keys matching {@code pattern}. */
    static void pages(Jedis j, String pattern, int count, Consumer<List<String>> page) {
        keys(j, pattern, count, Integer.MAX_VALUE, page);
    }

    /** Up to {@code limit} keys matching {@code pattern}. */
    static List<String> keys(Jedis j, String pattern, int count, int limit) {
        List<String> found = new ArrayList<>();
        keys(j, pattern, count, limit, page -> found.addAll(page.subList(0, Math.min(page.size(), limit - found.size()))));
        return found;
    }

    private static void keys(Jedis j, String pattern, int count, int limit, Consumer<List<String>> page) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(count);
        int seen = 0;
        do {
            ScanResult<String> result = j.scan(cursor, params);
            if (!result.getResult().isEmpty()) {
                page.accept(result.getResult());
                seen += result.getResult().size();
            }
            cursor = result.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && seen < limit);
    }
}
