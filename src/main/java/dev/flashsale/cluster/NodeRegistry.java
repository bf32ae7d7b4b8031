package dev.flashsale.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flashsale.cache.CacheStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * The live nodes of a cluster: each node writes its {@link NodeFigures} under its own key every
 * {@link #BEAT}, with a Redis TTL of {@link #EXPIRY}, so a node that stops (even {@code kill -9})
 * is gone from the list a few seconds later, with nobody to clean up after it. Node ids are also
 * kept in a set, so a console listing the nodes every second reads that set and the nodes' keys,
 * never the whole keyspace; whoever lists removes from the set the ids whose key has expired.
 */
final class NodeRegistry {
    static final Duration BEAT = Duration.ofSeconds(1);
    static final Duration EXPIRY = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final RedisLink link;
    private final RedisKeys keys;

    public NodeRegistry(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
    }

    /** Writes (or refreshes) this node's entry. */
    void beat(Supplier<NodeFigures> figures) {
        NodeFigures f = figures.get();
        String json = encode(f);
        link.run(j -> {
            var p = j.pipelined();
            Response<String> set = p.set(keys.node(f.id()), json, SetParams.setParams().px(EXPIRY.toMillis()));
            Response<Long> added = p.sadd(keys.nodes(), f.id());
            p.sync();
            set.get(); // an error reply (an ACL without these keys) is thrown here, so the link says it
            added.get();
        });
    }

    void leave(String id) {
        link.run(j -> {
            var p = j.pipelined();
            p.del(keys.node(id));
            p.srem(keys.nodes(), id);
            p.sync();
        });
    }

    /** The live nodes, by id; empty while Redis is down. */
    public List<NodeFigures> nodes() {
        return link.call(this::scan).orElse(List.of());
    }

    private List<NodeFigures> scan(Jedis j) {
        List<String> ids = new ArrayList<>(j.smembers(keys.nodes()));
        List<NodeFigures> out = new ArrayList<>();
        if (!ids.isEmpty()) {
            List<String> found = j.mget(ids.stream().map(keys::node).toArray(String[]::new));
            List<String> gone = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String json = found.get(i);
                NodeFigures f = json == null ? null : decode(json);
                if (f != null) {
                    out.add(f);
                } else if (json == null) {
                    gone.add(ids.get(i)); // its key expired: the node stopped beating
                }
            }
            if (!gone.isEmpty()) {
                try {
                    j.srem(keys.nodes(), gone.toArray(String[]::new));
                } catch (JedisDataException e) { // a login that may only read the registry (a console's): still list
                    link.reportRefusal(e);
                }
            }
        }
        out.sort(Comparator.comparing(NodeFigures::id));
        return out;
    }

    static String encode(NodeFigures f) {
        var m = JSON.createObjectNode();
        m.put("id", f.id()).put("url", f.url()).put("host", f.host()).put("pid", f.pid()).put("version", f.version())
                .put("startedAt", f.startedAt().toString()).put("hitRate", f.hitRate()).put("hits", f.hits())
                .put("misses", f.misses()).put("loads", f.stats().loads()).put("loadFailures", f.stats().loadFailures())
                .put("loadNanos", f.stats().totalLoadTimeNanos()).put("evictions", f.stats().evictions())
                .put("expirations", f.stats().expirations()).put("invalidations", f.stats().invalidations())
                .put("entries", f.entries()).put("requestsPerSecond", f.requestsPerSecond()).put("redis", f.redis());
        return m.toString();
    }

    static NodeFigures decode(String json) {
        try {
            var m = JSON.readTree(json);
            // an older node writes no loads, failures, evictions...: 0, as asLong() reads a missing field
            CacheStats stats = new CacheStats(m.path("hits").asLong(), m.path("misses").asLong(), m.path("loads").asLong(),
                    m.path("loadFailures").asLong(), m.path("loadNanos").asLong(), m.path("evictions").asLong(),
                    m.path("expirations").asLong(), m.path("invalidations").asLong());
            return new NodeFigures(m.path("id").asText(), m.path("url").asText(), m.path("host").asText(),
                    m.path("pid").asLong(), m.path("version").asText(), Instant.parse(m.path("startedAt").asText()),
                    stats, m.path("entries").asLong(), m.path("requestsPerSecond").asDouble(), m.path("redis").asText());
        } catch (JsonProcessingException | RuntimeException e) {
            return null; // another version's entry, or garbage: not a node we can show
        }
    }
}
