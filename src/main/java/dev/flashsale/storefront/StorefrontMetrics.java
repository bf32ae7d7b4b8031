package dev.flashsale.storefront;

import dev.flashsale.cache.CacheStats;
import dev.flashsale.cache.TtlCache;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/** The storefront's Prometheus metrics, on a registry of its own (one per server). */
final class StorefrontMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    StorefrontMetrics(TtlCache<?> cache, LongSupplier dbQueries) {
        requests = Counter.builder().name("flashsale_http_requests_total")
                .help("HTTP requests served, by route and status code")
                .labelNames("route", "status").register(registry);
        duration = Histogram.builder().name("flashsale_http_request_duration_seconds")
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
        GaugeWithCallback.builder().name("flashsale_cache_entries").help("Entries held by the cache")
                .callback(cb -> cb.call(cache.size())).register(registry);
        GaugeWithCallback.builder().name("flashsale_cache_hit_ratio").help("hits / (hits + misses) since start")
                .callback(cb -> cb.call(cache.stats().hitRate())).register(registry);
        CounterWithCallback.builder().name("flashsale_db_queries_total").help("SQL statements executed")
                .callback(cb -> cb.call(dbQueries.getAsLong())).register(registry);
    }

    private void cacheCounter(TtlCache<?> cache, String name, String help, ToLongFunction<CacheStats> field) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(field.applyAsLong(cache.stats()))).register(registry);
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
