package com.camelprosa.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * What every row runs with: the sizes, the emulator JVM, the benchmark JVM's Camel routes and the child JVMs, and
 * what a row leaves for the table's notes and for the per-row JFR summaries.
 */
final class BenchContext {

    static final String KEY = "bench-key";
    static final Path OUT = Path.of("target", "bench");
    /** For the bare client's "+ one hand-off" reference: an elastic pool, as the component's callback pool is. */
    static final ExecutorService HOP = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-hop");
        t.setDaemon(true);
        return t;
    });

    final Settings settings;
    final EmulatorControl emulator;
    final ChildJvms children;
    final BenchRoutes routes;
    final ProducerTemplate template;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<long[]>> windows = new LinkedHashMap<>();

    BenchContext(Settings settings, EmulatorControl emulator, ChildJvms children, BenchRoutes routes,
                 ProducerTemplate template) {
        this.settings = settings;
        this.emulator = emulator;
        this.children = children;
        this.routes = routes;
        this.template = template;
    }

    /** The component's endpoint on the emulator, as every row and child JVM sends to it. */
    static String endpoint(String url) {
        return "prosa-stt:general?url=" + url + "&apiKey=RAW(" + KEY + ")&responseTimeout=120000";
    }

    /** Adds a line to the table's notes. */
    void note(String text) {
        notes.add(text);
    }

    List<String> notes() {
        return notes;
    }

    /** Runs a child JVM of {@code main} and returns its RESULT (and HISTO) lines as key=value maps. */
    List<Map<String, String>> child(String name, Class<?> main, List<String> options, List<String> args)
            throws IOException, InterruptedException {
        return children.run(name, main, options, args);
    }

    /** Notes a time window (from then to now) for the per-row and per-variant JFR summaries. */
    void window(String name, long fromMillis) {
        windows.computeIfAbsent(name, k -> new ArrayList<>()).add(new long[] { fromMillis, System.currentTimeMillis() });
    }

    Map<String, List<long[]>> windows() {
        return windows;
    }

    /** Full GCs in the benchmark and emulator JVMs, so that a latency run starts with empty young generations. */
    void cleanHeaps() throws IOException, InterruptedException {
        System.gc();
        emulator.gc();
        Thread.sleep(200); // GC notifications arrive late: let these land before a GcWatch reset
    }

    /** The numbers of one RESULT field, one per line that has it. */
    static List<Double> col(List<Map<String, String>> results, String key) {
        return results.stream().filter(r -> r.containsKey(key)).map(r -> Double.parseDouble(r.get(key))).toList();
    }

    static String jobId(Exchange e) {
        return e.getMessage().getHeader(ProsaSttConstants.JOB_ID, String.class);
    }

    static void check(Exchange out) {
        if (out.getException() != null) {
            throw new IllegalStateException("benchmark exchange failed", out.getException());
        }
    }
}
