package dev.flashsale.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;

/**
 * Lists the values of a cluster's shared tier (found with {@link Scan}), with their time left and
 * size, in pipelined batches.
 */
public final class SharedTierScan {
    private SharedTierScan() {
    }

    /** Up to {@code limit} values (of {@code namespace}, or all when null), by key; empty while Redis is down. */
    public static List<SharedEntry> entries(RedisLink link, RedisKeys keys, String namespace, int limit) {
        return link.call(j -> scan(j, keys, namespace, limit)).orElse(List.of());
    }

    private static List<SharedEntry> scan(Jedis j, RedisKeys keys, String namespace, int limit) {
        List<String> found = Scan.keys(j, keys.valuePattern(namespace), 1_000, limit);
        List<SharedEntry> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i += 500) {
            List<String> batch = found.subList(i, Math.min(found.size(), i + 500));
            var p = j.pipelined();
            List<Response<Long>> ttls = new ArrayList<>();
            List<Response<Long>> sizes = new ArrayList<>();
            for (String k : batch) {
                ttls.add(p.pttl(k));
                sizes.add(p.strlen(k));
            }
            p.sync();
            for (int b = 0; b < batch.size(); b++) {
                long ttl = ttls.get(b).get();
                if (ttl > 0) { // -2: gone between SCAN and PTTL
                    out.add(new SharedEntry(keys.cacheKeyOf(batch.get(b)), ttl, sizes.get(b).get()));
                }
            }
        }
        out.sort(Comparator.comparing(SharedEntry::key));
        return out;
    }
}
