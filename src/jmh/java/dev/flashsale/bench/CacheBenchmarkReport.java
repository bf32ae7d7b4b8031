package dev.flashsale.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every cache benchmark in one go and prints ops/s and the ratios of ours against the bare
 * map, Caffeine and the ADR's design, measured in the same run, then memory per entry.
 *
 * <p>{@code mvn -Pbench -DskipTests verify}; add {@code -Dbench.args=quick} for a one-minute smoke run.
 */
public final class CacheBenchmarkReport {

    private static final List<String> IMPLS = List.of("chm", "chmnode", "caffeine", "adr", "ours");
    private static final Map<String, String> NAMES = Map.of(
            "chm", "ConcurrentHashMap", "chmnode", "map + entry object (floor)", "caffeine", "Caffeine (var. expiry)", "adr", "ADR-006 port", "ours", "ours");

    private record Row(String benchmark, String distribution, int threads, Map<String, Double> opsPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("quick");
        List<String> floor = Arrays.stream(args).filter(a -> a.startsWith("floor")).toList();
        if (!floor.isEmpty()) {
            List<String> impls = floor.get(0).contains(":") ? List.of(floor.get(0).split(":")[1].split(","))
                    : List.of("chm", "chmnode", "ours");
            for (String impl : impls) {
                ChainedOptionsBuilder o = new OptionsBuilder().include(CacheBenchmark.class.getName() + ".getHit$")
                        .param("impl", impl).param("distribution", "uniform").threads(2).forks(1)
                        .warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                        .measurementTime(TimeValue.seconds(1));
                for (RunResult r : new Runner(o.build()).run()) {
                    System.out.printf(Locale.ROOT, "FLOOR %s %.1f M%n", impl, r.getPrimaryResult().getScore() / 1e6);
                }
            }
            return;
        }
        System.out.printf(Locale.ROOT, "Machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"));

        Map<String, Double> memory = new LinkedHashMap<>();
        for (String impl : IMPLS) {
            memory.put(impl, MemoryPerEntry.measure(impl));
        }

        List<Row> rows = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            for (String dist : List.of("uniform", "zipfian")) {
                rows.add(run("getHit", dist, threads, quick));
            }
        }
        rows.add(run("readWrite90_10", "zipfian", 2, quick));
        rows.add(run("loadThroughHit", "zipfian", 2, quick));

        System.out.println();
        System.out.println("| benchmark | keys | threads | ConcurrentHashMap | map + entry (floor) | Caffeine (var. expiry)"
                + " | ADR-006 port | ours | ours/CHM | ours/Caffeine | ours/ADR |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Map<String, Double> s = r.opsPerSecond();
            double ours = s.get("ours");
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %.2fx | %.2fx | %.1fx |%n",
                    r.benchmark(), r.distribution(), r.threads(), mops(s.get("chm")), mops(s.get("chmnode")),
                    mops(s.get("caffeine")),
                    mops(s.get("adr")), mops(ours), ours / s.get("chm"), ours / s.get("caffeine"), ours / s.get("adr"));
        }
        System.out.println();
        System.out.println("| memory per entry beyond key and value (100,000 entries) | bytes |");
        System.out.println("|---|---:|");
        for (Map.Entry<String, Double> m : memory.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %.0f |%n", NAMES.get(m.getKey()), m.getValue());
        }
        System.out.printf(Locale.ROOT, "%nours/Caffeine memory: %.2fx%n", memory.get("ours") / memory.get("caffeine"));
    }

    private static String mops(double opsPerSecond) {
        return String.format(Locale.ROOT, "%.1f M", opsPerSecond / 1e6);
    }

    private static Row run(String benchmark, String distribution, int threads, boolean quick) throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(CacheBenchmark.class.getName() + "." + benchmark + "$")
                .param("distribution", distribution)
                .threads(threads)
                .forks(1)
                .jvmArgs("-Xms1g", "-Xmx1g")
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .measurementIterations(quick ? 1 : 4)
                .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000));
        Collection<RunResult> results = new Runner(opts.build()).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult rr : results) {
            scores.put(rr.getParams().getParam("impl"), rr.getPrimaryResult().getScore());
        }
        return new Row(benchmark, distribution, threads, scores);
    }

    /** Heap growth per entry, keys and values created beforehand so only the cache's own cost counts. */
    static final class MemoryPerEntry {
        private static final int N = 100_000;

        static double measure(String impl) {
            double[] samples = new double[3];
            for (int s = 0; s < samples.length; s++) {
                String[] keys = new String[N];
                Object[] values = new Object[N];
                for (int i = 0; i < N; i++) {
                    keys[i] = "price:" + i;
                    values[i] = "value " + i;
                }
                long before = usedAfterGc();
                BenchCache cache = BenchCache.create(impl);
                for (int i = 0; i < N; i++) {
                    cache.put(keys[i], values[i]);
                }
                long after = usedAfterGc();
                samples[s] = (after - before) / (double) N;
                if (cache.get(keys[N - 1]) == null && !impl.equals("caffeine")) {
                    throw new IllegalStateException(impl + " lost entries while being measured");
                }
                Reference.reachabilityFence(cache);
                Reference.reachabilityFence(keys);
                Reference.reachabilityFence(values);
            }
            Arrays.sort(samples);
            return samples[1];
        }

        private static long usedAfterGc() {
            long used = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                System.gc();
                used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            return used;
        }
    }
}
