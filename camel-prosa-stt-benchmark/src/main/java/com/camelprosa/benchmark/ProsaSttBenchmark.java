package com.camelprosa.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The benchmark behind the README's table. Every row ({@link Row}, one class each) runs several times after a warm-up
 * and reports the median and the spread (min–max) over those runs; every ratio is against a baseline measured in the
 * same run. The emulator runs in a JVM of its own ({@link EmulatorHost}) on the same machine; rows 2, 3, 6 and 7 run
 * the component in child JVMs of their own. Run it with
 * {@code camel-prosa-stt-benchmark/run-benchmark.sh [--quick] [--profile] [rows]}; rows: throughput, heap,
 * concurrency, memory, completion, partials, rollover, channels (all by default), and {@code overhead}, not in the
 * table. Every size is a system property {@code -Dbench.NAME}, listed in the table's notes.
 */
public final class ProsaSttBenchmark {

    /** The table's rows, in the order they run by default. */
    private static final List<Row> ROWS = List.of(new ThroughputRow(), new HeapRow(), new ConcurrencyRow(),
            new MemoryRow(), new CompletionRow(), new PartialsRow(), new RolloverRow(), new ChannelsRow());
    /** Rows run only when named. */
    private static final List<Row> EXTRA = List.of(new OverheadRow());

    private final Settings settings;
    private final ChildJvms children;
    private final ResultTable table = new ResultTable();

    private ProsaSttBenchmark(Settings settings, ChildJvms children) {
        this.settings = settings;
        this.children = children;
    }

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        boolean quick = false;
        boolean profile = false;
        for (String a : args) {
            switch (a) {
                case "--quick" -> quick = true;
                case "--profile" -> profile = true;
                default -> {
                    Row row = named(a);
                    if (row == null) {
                        System.err.println("Unknown row " + a + "; rows: " + ROWS.stream().map(Row::name).toList());
                        System.exit(2);
                    }
                    rows.add(row);
                }
            }
        }
        int rc = 0;
        try {
            new ProsaSttBenchmark(new Settings(quick), new ChildJvms(profile)).run(rows.isEmpty() ? ROWS : rows, args);
        } catch (Throwable e) {
            e.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }

    private static Row named(String name) {
        return java.util.stream.Stream.concat(ROWS.stream(), EXTRA.stream()).filter(r -> r.name().equals(name))
                .findFirst().orElse(null);
    }

    private void run(List<Row> rows, String[] args) throws Exception {
        Files.createDirectories(BenchContext.OUT.resolve("jfr"));
        String started = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        String loadBefore = loadAverage();
        long t0 = System.nanoTime();
        Recording recording = new Recording(Configuration.getConfiguration(children.jfrSettings()));
        recording.setDestination(BenchContext.OUT.resolve("jfr").resolve("benchmark.jfr"));
        recording.start();
        // ZGC: the emulator is the fixture, not the measured system. G1 stopped it for up to 170 ms when a batch of
        // 1 000 sessions started (their new state copied at once), which row 3 then counted as the component's drift.
        EmulatorControl emulator = EmulatorControl.start(children.options("emulator", "-XX:+UseZGC", "-Xms1g", "-Xmx2g"),
                BenchContext.OUT.resolve("emulator.log"));
        String clock = emulator.clockCheck(200);
        CamelContext camel = new DefaultCamelContext();
        camel.setStreamCaching(false); // the bodies are streams made on the fly: caching would read them whole
        BenchRoutes routes = new BenchRoutes(emulator.url());
        camel.addRoutes(routes);
        camel.start(); // first: Tyrus' shared transport starts with the component's I/O pool, which the bare client shares
        BenchContext bench = new BenchContext(settings, emulator, children, routes, camel.createProducerTemplate());
        System.err.println("Benchmark against the emulator JVM at " + emulator.url() + ", "
                           + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                           + (settings.quick ? " (quick)" : ""));
        try {
            for (Row row : rows) {
                long rowStart = System.nanoTime();
                long rowStartMillis = System.currentTimeMillis();
                row.run(bench).forEach(table::add);
                System.err.println("  (" + row.name() + " took " + (System.nanoTime() - rowStart) / 1_000_000_000 + " s)");
                bench.window(row.name(), rowStartMillis);
            }
        } finally {
            camel.close();
            emulator.close();
            recording.stop();
            recording.close();
        }
        List<String> notes = new ArrayList<>();
        notes.add("Run: " + started + ", `camel-prosa-stt-benchmark/run-benchmark.sh"
                  + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`, "
                  + Stats.fmt((System.nanoTime() - t0) / 1e9) + " s"
                  + (settings.quick ? " (quick: sizes are not the table's)" : "") + ".");
        notes.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                  + Math.round(totalMemoryGiB()) + " GiB; " + System.getProperty("java.vm.name") + " "
                  + System.getProperty("java.runtime.version") + "; the benchmark and child JVMs on "
                  + GcWatch.collectors() + " (G1), the emulator JVM on ZGC. Load average (1/5/15 min) at the start "
                  + loadBefore + ", at the end " + loadAverage() + ".");
        notes.add("The emulator runs in its own JVM (-Xms1g -Xmx2g) for every row and shares the 2 cores with the"
                  + " client side. Benchmark JVM: rows 1, 4 and 5 (component and bare client side by side, -Xmx2g) and 8;"
                  + " child JVMs: row 2 (-Xmx64m, one per body), rows 3 and 6 (-Xmx1g), row 7 (-Xmx64m, both ways). "
                  + clock + ".");
        notes.add("Sizes: " + settings.used + ".");
        notes.addAll(bench.notes());
        table.write(notes);
        summarizeJfr(bench.windows());
    }

    /** A JFR summary of every recording, and of the benchmark and emulator JVMs' recordings per row's time window. */
    private static void summarizeJfr(Map<String, List<long[]>> windows) throws IOException {
        Path dir = BenchContext.OUT.resolve("jfr");
        JfrTop.summarizeAll(dir);
        for (Map.Entry<String, List<long[]>> w : windows.entrySet()) {
            for (String jvm : List.of("benchmark", "emulator")) {
                try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(jvm + "-" + w.getKey() + ".txt")),
                        true, StandardCharsets.UTF_8)) {
                    List<Instant[]> spans = new ArrayList<>();
                    for (long[] v : w.getValue()) {
                        spans.add(new Instant[] { Instant.ofEpochMilli(v[0]), Instant.ofEpochMilli(v[1]) });
                    }
                    JfrTop.summarize(dir.resolve(jvm + ".jfr"), spans, out);
                } catch (IOException | RuntimeException e) {
                    System.err.println("No JFR summary of " + jvm + " for " + w.getKey() + ": " + e);
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.replaceAll(".*:\\s*", "")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static double totalMemoryGiB() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (double) (1L << 30);
    }
}
