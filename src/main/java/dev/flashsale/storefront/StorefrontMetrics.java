package dev.flashsale.storefront;

import dev.flashsale.cache.CacheStats;
import dev.flashsale.cache.TtlCache;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** The storefront's Prometheus metrics, on a registry of its own (one per server). */
final class StorefrontMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Labels node;

    /** {@code node}: the value of a {@code node} label on every metric (one Prometheus, many nodes), or null for none. */
    StorefrontMetrics(TtlCache<?> cache, LongSupplier dbQueries, String node) {
        this.node = node == null ? Labels.EMPTY : Labels.of("node", node);
        requests = Counter.builder().name("flashsale_http_requests_total").constLabels(this.node)
                .help("HTTP requests served, by route and status code")
                .labelNames("route", "status").register(registry);
        duration = Histogram.builder().name("flashsale_http_request_duration_seconds").constLabels(this.node)
                .help("Time from request to response, by route").labelNames("route")
                .classicOnly()
                .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)
                .register(registry);
        cacheCounter(cache, "flashsale_cache_hits_total", "Cache reads that found a fresh entry", CacheStats::hits);
        cacheCounter(cache, "flashsale_cache_misses_total", "Cache reads that found nothing fresh", CacheStats::misses);
        cacheCounter(cache, "flashsale_cache_loads_total", "Loader runs that returned", CacheStats::loads);
        cacheCounter(cache, "flashsale_cache_load_failures_total", "Loader runs that threw", CacheStats::loadFailures);
        cacheCounter(cache, "flashsale_cache_evictions_total", "Entries evicted over the size bound", CacheStats::evictions);
        cacheCounter(cache, "flashsale_cache_expirations_total", "Entries removed after their TTL", CacheStats::expirations);
        cacheCounter(cache, "flashsale_cache_invalidations_total", "Entries removed by invalidation", CacheStats::invalidations);
        GaugeWithCallback.builder().name("flashsale_cache_entries").constLabels(this.node).help("Entries held by the cache")
                .callback(cb -> cb.call(cache.size())).register(registry);
        GaugeWithCallback.builder().name("flashsale_cache_hit_ratio").constLabels(this.node).help("hits / (hits + misses) since start")
                .callback(cb -> cb.call(cache.stats().hitRate())).register(registry);
        CounterWithCallback.builder().name("flashsale_db_queries_total").constLabels(this.node).help("SQL statements executed")
                .callback(cb -> cb.call(dbQueries.getAsLong())).register(registry);
    }

    private void cacheCounter(TtlCache<?> cache, String name, String help, ToLongFunction<CacheStats> field) {
        CounterWithCallback.builder().name(name).help(help).constLabels(this.node)
                .callback(cb -> cb.call(field.applyAsLong(cache.stats()))).register(registry);
    }

    /** A gauge read at each scrape (e.g. {@code flashsale_redis_up}), with this server's node label. */
    void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).constLabels(this.node)
                .callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    /** A counter read at each scrape (a running total kept elsewhere), with this server's node label. */
    void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help).constLabels(node)
                .callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    /** Counters read at each scrape, one series per key of the map (e.g. Redis errors by reason). */
    void counters(String name, String help, String label, Supplier<Map<String, Long>> values) {
        CounterWithCallback.builder().name(name).help(help).constLabels(node).labelNames(label)
                .callback(cb -> values.get().forEach((k, v) -> cb.call(v, k))).register(registry);
    }

    void record(String route, int status, long nanos) {
        requests.labelValues(route, Integer.toString(status)).inc();
        duration.labelValues(route).observe(nanos / 1e9);
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String contentType() {
        return writer.getContentType();
    }
}
