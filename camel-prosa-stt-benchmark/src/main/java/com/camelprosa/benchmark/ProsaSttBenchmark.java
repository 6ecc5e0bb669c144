package com.camelprosa.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.TranscriptEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The benchmark behind the README's table. Every row runs several times after a warm-up and reports the median and
 * the spread (min–max) over those runs; every ratio is against a baseline measured in the same run. The emulator
 * runs in a JVM of its own ({@link EmulatorHost}) on the same machine; rows 2, 3 and 6 run the component in child
 * JVMs of their own. Run it with {@code camel-prosa-stt-benchmark/run-benchmark.sh [--quick] [--profile] [rows]};
 * rows: throughput, heap, concurrency, memory, completion, partials, rollover, channels (all by default; the last two
 * are rows 7 and 8, in {@link LongRecordingRows}). Every size is a system
 * property {@code -Dbench.NAME}, listed in {@link Settings}.
 */
public final class ProsaSttBenchmark {

    static final String KEY = "bench-key";
    private static final List<String> ROWS = List.of("throughput", "heap", "concurrency", "memory", "completion",
            "partials", "rollover", "channels");
    static final Path OUT = Path.of("target", "bench");
    /** For the bare client's "+ one hand-off" reference: an elastic pool, as the component's callback pool is. */
    private static final ExecutorService HOP = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-hop");
        t.setDaemon(true);
        return t;
    });

    /** Sizes of a full run and of a --quick one; each can be overridden with -Dbench.NAME. */
    static final class Settings {
        final boolean quick;
        final Map<String, String> used = new LinkedHashMap<>();

        Settings(boolean quick) {
            this.quick = quick;
        }

        double num(String name, double full, double quick) {
            String value = System.getProperty("bench." + name, fmtNum(this.quick ? quick : full));
            used.put(name, value);
            return Double.parseDouble(value);
        }

        int integer(String name, int full, int quick) {
            return (int) num(name, full, quick);
        }

        private static String fmtNum(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** One row of the table. */
    private record Row(String what, String measured, String ratio, String goal, String verdict, List<Double> ratios) {
    }

    final Settings settings;
    private final boolean profile;
    private final List<Row> table = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final Map<String, Long> doneAt = new ConcurrentHashMap<>();
    private final Map<String, List<long[]>> windows = new LinkedHashMap<>();
    private final Map<String, List<Long>> partialsAt = new ConcurrentHashMap<>();
    EmulatorControl emulator;
    private CamelContext camel;
    ProducerTemplate template;

    private ProsaSttBenchmark(Settings settings, boolean profile) {
        this.settings = settings;
        this.profile = profile;
    }

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        boolean quick = false;
        boolean profile = false;
        for (String a : args) {
            switch (a) {
                case "--quick" -> quick = true;
                case "--profile" -> profile = true;
                default -> {
                    if (!ROWS.contains(a) && !a.equals("overhead")) {
                        System.err.println("Unknown row " + a + "; rows: " + ROWS);
                        System.exit(2);
                    }
                    rows.add(a);
                }
            }
        }
        int rc = 0;
        try {
            new ProsaSttBenchmark(new Settings(quick), profile).run(rows.isEmpty() ? ROWS : rows, args);
        } catch (Throwable e) {
            e.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }

    private void run(List<String> rows, String[] args) throws Exception {
        Files.createDirectories(OUT.resolve("jfr"));
        String started = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        String loadBefore = loadAverage();
        long t0 = System.nanoTime();
        jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration(
                profile ? "profile" : "default"));
        recording.setDestination(OUT.resolve("jfr").resolve("benchmark.jfr"));
        recording.start();
        // ZGC: the emulator is the fixture, not the measured system. G1 stopped it for up to 170 ms when a batch of
        // 1 000 sessions started (their new state copied at once), which row 3 then counted as the component's drift.
        emulator = EmulatorControl.start(jvm("emulator", "-XX:+UseZGC", "-Xms1g", "-Xmx2g"), OUT.resolve("emulator.log"));
        String clock = emulator.clockCheck(200);
        camel = new DefaultCamelContext();
        camel.setStreamCaching(false); // the bodies are streams made on the fly: caching would read them whole
        String endpoint = "prosa-stt:general?url=" + emulator.url() + "&apiKey=RAW(" + KEY + ")&responseTimeout=120000";
        org.apache.camel.spi.ThreadPoolProfile elastic = new org.apache.camel.spi.ThreadPoolProfile("BenchCallback");
        elastic.setPoolSize(1); // as the component's callback pool: threads made when all are busy, 10 s idle
        elastic.setAllowCoreThreadTimeOut(true);
        elastic.setMaxPoolSize(Integer.MAX_VALUE);
        elastic.setKeepAliveTime(10L);
        elastic.setMaxQueueSize(0);
        ExecutorService camelCallbacks = camel.getExecutorServiceManager().newThreadPool(this, "BenchCallback", elastic);
        ExecutorService bareStarts = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-bare-start");
            t.setDaemon(true);
            return t;
        });
        // The bare client as a Camel async processor: the metadata callback hands off to a pool like the component's,
        // which continues the exchange. The component minus its own work, for row 4.
        org.apache.camel.AsyncProcessor bareInCamel = new org.apache.camel.support.AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, org.apache.camel.AsyncCallback callback) {
                bareStarts.execute(() -> {
                    try {
                        BareTyrusClient.Run run = BareTyrusClient.open(emulator.url(), "bare-camel", false);
                        run.metadataAt.whenCompleteAsync((at, error) -> {
                            if (error != null) {
                                exchange.setException(error);
                            } else {
                                exchange.getMessage().setHeader(ProsaSttConstants.JOB_ID, run.jobId());
                            }
                            callback.done(false);
                        }, camelCallbacks);
                        BareTyrusClient.uploadChained(run, exchange.getMessage().getBody(java.io.InputStream.class), 16000, 2);
                    } catch (Exception e) {
                        exchange.setException(e);
                        callback.done(false);
                    }
                });
                return false;
            }
        };
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:transcribe").to(endpoint).process(e -> doneAt.put(jobId(e), System.nanoTime()));
                from("direct:transcribe-io").to(endpoint + "&continueOnIoThread=true")
                        .process(e -> doneAt.put(jobId(e), System.nanoTime()));
                from("direct:bare-camel").process(bareInCamel).process(e -> doneAt.put(jobId(e), System.nanoTime()));
                from("direct:live").to(endpoint + "&realtime=true&includePartial=true&chunkSize="
                                       + LIVE_CHUNK + "&eventUri=direct:events");
                from("direct:live-fast").to(endpoint + "&includePartial=true&chunkSize=" + LIVE_CHUNK
                                            + "&eventUri=direct:events");
                from("direct:live-io").to(endpoint + "&realtime=true&includePartial=true&chunkSize=" + LIVE_CHUNK
                                          + "&eventUri=direct:events&continueOnIoThread=true");
                from("direct:live-fast-io").to(endpoint + "&includePartial=true&chunkSize=" + LIVE_CHUNK
                                               + "&eventUri=direct:events&continueOnIoThread=true");
                from("direct:events").process(e -> {
                    long now = System.nanoTime();
                    TranscriptEvent event = e.getMessage().getBody(TranscriptEvent.class);
                    if (event.type() == TranscriptEvent.Type.PARTIAL) {
                        partialsAt.computeIfAbsent(event.jobId(), k -> new CopyOnWriteArrayList<>()).add(now);
                    }
                });
            }
        });
        camel.start(); // first: Tyrus' shared transport starts with the component's I/O pool, which the bare client shares
        template = camel.createProducerTemplate();
        System.err.println("Benchmark against the emulator JVM at " + emulator.url() + ", "
                           + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                           + (settings.quick ? " (quick)" : ""));
        try {
            for (String row : rows) {
                long rowStart = System.nanoTime();
                long rowStartMillis = System.currentTimeMillis();
                switch (row) {
                    case "throughput" -> throughput();
                    case "heap" -> heap();
                    case "concurrency" -> concurrency();
                    case "memory" -> memory();
                    case "completion" -> completion();
                    case "partials" -> partials();
                    case "rollover" -> new LongRecordingRows(this).rollover();
                    case "channels" -> new LongRecordingRows(this).channels();
                    case "overhead" -> overhead();
                    default -> throw new IllegalArgumentException(row);
                }
                System.err.println("  (" + row + " took " + (System.nanoTime() - rowStart) / 1_000_000_000 + " s)");
                window(row, rowStartMillis);
            }
        } finally {
            camel.close();
            emulator.close();
            recording.stop();
            recording.close();
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                         + Math.round(totalMemoryGiB()) + " GiB; " + System.getProperty("java.vm.name") + " "
                         + System.getProperty("java.runtime.version") + "; the benchmark and child JVMs on "
                         + GcWatch.collectors() + " (G1), the emulator JVM on ZGC";
        print(started, machine, loadBefore, loadAverage(), (System.nanoTime() - t0) / 1e9, clock, args);
        JfrTop.summarizeAll(OUT.resolve("jfr"));
        // The benchmark and emulator JVMs serve every row: a summary of each row's time window too.
        for (Map.Entry<String, List<long[]>> w : windows.entrySet()) {
            for (String jvm : List.of("benchmark", "emulator")) {
                Path jfr = OUT.resolve("jfr").resolve(jvm + ".jfr");
                try (java.io.PrintStream out = new java.io.PrintStream(Files.newOutputStream(OUT.resolve("jfr")
                        .resolve(jvm + "-" + w.getKey() + ".txt")), true, StandardCharsets.UTF_8)) {
                    List<java.time.Instant[]> spans = new ArrayList<>();
                    for (long[] v : w.getValue()) {
                        spans.add(new java.time.Instant[] { java.time.Instant.ofEpochMilli(v[0]),
                            java.time.Instant.ofEpochMilli(v[1]) });
                    }
                    JfrTop.summarize(jfr, spans, out);
                } catch (IOException | RuntimeException e) {
                    System.err.println("No JFR summary of " + jvm + " for " + w.getKey() + ": " + e);
                }
            }
        }
    }

    // ---- row 1

    /** Row 1: a long WAV file through the component route vs bare Tyrus loops, interleaved round by round. */
    private void throughput() throws Exception {
        double seconds = settings.num("audioSeconds", 3600, 120);
        int rounds = settings.integer("throughputRuns", 21, 2);
        int warmups = settings.integer("throughputWarmups", 2, 1);
        Path wav = OUT.resolve("bench-" + (long) seconds + "s.wav");
        try (var in = SyntheticWav.ofSeconds(seconds)) {
            Files.copy(in, wav, StandardCopyOption.REPLACE_EXISTING);
        }
        long bytes = Files.size(wav);
        Map<String, Function<Path, Long>> variants = new LinkedHashMap<>();
        variants.put("component", this::componentFile);
        variants.put("bare chained, 2 in flight", p -> bareFile(p, "chained"));
        variants.put("bare window, 2 in flight", p -> bareFile(p, "window"));
        variants.put("bare blocking, 1 in flight", p -> bareFile(p, "blocking"));
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<Double>> mbs = new LinkedHashMap<>();
        names.forEach(n -> mbs.put(n, new ArrayList<>()));
        // CPU of this JVM (the client side only) per MB sent: the client's work, whoever the scheduler favoured.
        Map<String, List<Double>> cpuPerMb = new LinkedHashMap<>();
        names.forEach(n -> cpuPerMb.put(n, new ArrayList<>()));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> ratios = new ArrayList<>();
        String gc = "";
        CpuPinning pinning = CpuPinning.clientAndEmulator(emulator.pid());
        try {
            for (int round = -warmups; round < rounds; round++) { // negative rounds warm up (JIT in both JVMs)
                GcWatch.reset();
                emulator.gcReset();
                Map<String, Double> thisRound = new HashMap<>();
                Map<String, Double> cpuThisRound = new HashMap<>();
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get(Math.floorMod(round + k, names.size())); // rotate the order
                    long from = System.currentTimeMillis();
                    long cpu = os.getProcessCpuTime();
                    long nanos = variants.get(name).apply(wav);
                    cpuThisRound.put(name, (os.getProcessCpuTime() - cpu) / 1e6 / (bytes / 1e6));
                    if (round >= 0) {
                        window("throughput-" + name.replaceAll(",.*", "").replace(' ', '-'), from);
                    }
                    thisRound.put(name, bytes / 1e6 / (nanos / 1e9));
                }
                if (round >= 0) {
                    thisRound.forEach((n, v) -> mbs.get(n).add(v));
                    cpuThisRound.forEach((n, v) -> cpuPerMb.get(n).add(v));
                    gc = "client JVM " + GcWatch.summary() + "; emulator JVM " + emulator.gcStats();
                }
                System.err.println("  round " + round + ": " + thisRound);
            }
        } finally {
            pinning.close();
        }
        Files.delete(wav);
        // The best bare loop is the one with the highest median over the rounds (not each round's fastest, which
        // would favour the baseline with the luck of three draws); each round's ratio is against it.
        String best = names.stream().filter(n -> !n.equals("component"))
                .max((a, b) -> Double.compare(Stats.median(mbs.get(a)), Stats.median(mbs.get(b)))).orElseThrow();
        for (int i = 0; i < rounds; i++) {
            ratios.add(mbs.get("component").get(i) / mbs.get(best).get(i));
        }
        StringBuilder measured = new StringBuilder();
        for (String n : names) {
            measured.append(measured.length() == 0 ? "" : "; ").append(n).append(' ').append(Stats.spread(mbs.get(n)))
                    .append(" MB/s");
        }
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            cpuRatios.add(cpuPerMb.get("component").get(i) / cpuPerMb.get(best).get(i));
        }
        measured.append("; ratio of the medians, component / ").append(best).append(' ')
                .append(Stats.ratio(Stats.median(mbs.get("component")) / Stats.median(mbs.get(best))));
        measured.append("; the client JVM's CPU per MB sent: component ").append(Stats.spread(cpuPerMb.get("component")))
                .append(" ms, ").append(best).append(' ').append(Stats.spread(cpuPerMb.get(best)))
                .append(" ms, component / that ").append(Stats.ratioSpread(cpuRatios));
        row("1. throughput, " + Stats.fmt(seconds / 3600) + " h 16 kHz mono WAV file (" + Stats.fmt(bytes / 1e6)
            + " MB), " + rounds + " rounds", measured.toString(), ratios, "≥ 0.99 × the best bare loop (" + best + ")",
                Stats.median(ratios) >= 0.99, "below", 0.99);
        notes.add("Row 1: each round runs the four in a rotated order; the ratio of each round is the component / the"
                  + " bare loop with the best median (" + best + ") in that round. "
                  + (pinning.pinned() ? "The benchmark JVM (component and bare loops) ran on core 0, the emulator JVM on"
                     + " core 1 (taskset), restored afterwards. " : "Not pinned to cores (no taskset or one core). ")
                  + "Last round's GC: " + gc + ".");
    }

    private long componentFile(Path wav) {
        long t = System.nanoTime();
        Exchange out = template.send("direct:transcribe", e -> e.getMessage().setBody(wav.toFile()));
        long nanos = System.nanoTime() - t;
        check(out);
        return nanos;
    }

    private long bareFile(Path wav, String style) {
        try (var in = Files.newInputStream(wav)) {
            long t = System.nanoTime();
            BareTyrusClient.Run run = BareTyrusClient.open(emulator.url(), "bare", false);
            switch (style) {
                case "chained" -> BareTyrusClient.uploadChained(run, in, 16000, 2).get(10, TimeUnit.MINUTES);
                case "window" -> BareTyrusClient.uploadWindow(run, in, 16000, 2);
                default -> BareTyrusClient.uploadBlocking(run, in, 16000);
            }
            long nanos = run.metadataAt.get(10, TimeUnit.MINUTES) - t; // done = the job confirmed, as for the component
            run.finish();
            if (run.results.get() == 0) {
                throw new IllegalStateException("the bare client got no results");
            }
            return nanos;
        } catch (Exception e) {
            throw new IllegalStateException("bare " + style + " failed", e);
        }
    }

    /**
     * Not a row of the table (run it by name): the fixed cost of one session, whole, for a short file: component vs
     * the bare chained loop, interleaved. Tells whether row 1's gap is per session or per byte.
     */
    private void overhead() throws Exception {
        int sessions = settings.integer("overheadSessions", 200, 50);
        double seconds = settings.num("overheadAudioSeconds", 10, 10);
        Path wav = OUT.resolve("bench-overhead.wav");
        try (var in = SyntheticWav.ofSeconds(seconds)) {
            Files.copy(in, wav, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Double> comp = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int i = -sessions / 2; i < sessions; i++) { // the first third warms up
            double c = componentFile(wav) / 1e6;
            double b = bareFile(wav, "chained") / 1e6;
            if (i >= 0) {
                comp.add(c);
                bare.add(b);
            }
        }
        row("(overhead) one session of a " + Stats.fmt(seconds) + " s WAV file, whole, " + sessions + " each",
                "component p50 " + Stats.fmt(Stats.percentile(comp, 50)) + " ms, p90 " + Stats.fmt(Stats.percentile(comp, 90))
                + " ms; bare chained p50 " + Stats.fmt(Stats.percentile(bare, 50)) + " ms, p90 "
                + Stats.fmt(Stats.percentile(bare, 90)) + " ms", List.of(Stats.median(comp) / Stats.median(bare)),
                "—", true, "", Double.NaN);
    }

    // ---- row 2

    /** Row 2: peak heap of a child JVM with -Xmx64m streaming a big body vs a small one, fresh JVMs each time. */
    private void heap() throws Exception {
        long big = (long) settings.num("bigBytes", 1L << 30, 64L << 20);
        long small = (long) settings.num("smallBytes", 10L << 20, 10L << 20);
        int runs = settings.integer("heapRuns", 3, 1);
        List<Double> bigPeaks = new ArrayList<>();
        List<Double> smallPeaks = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Map<String, String> s = child("heap-small-" + r, HeapProbe.class, List.of("-Xmx64m"),
                    List.of(emulator.url(), KEY, Long.toString(small))).get(0);
            Map<String, String> b = child("heap-big-" + r, HeapProbe.class, List.of("-Xmx64m"),
                    List.of(emulator.url(), KEY, Long.toString(big))).get(0);
            statuses.add(b.get("status") + "/" + s.get("status"));
            double sp = Double.parseDouble(s.get("peak")) / 1048576;
            double bp = Double.parseDouble(b.get("peak")) / 1048576;
            smallPeaks.add(sp);
            bigPeaks.add(bp);
            ratios.add(bp / sp);
        }
        boolean ok = statuses.stream().allMatch("ok/ok"::equals);
        row("2. peak heap, -Xmx64m, " + Stats.fmt(big / 1048576.0) + " MiB body vs " + Stats.fmt(small / 1048576.0)
            + " MiB, " + runs + " fresh JVM pairs", Stats.spread(bigPeaks) + " MiB vs " + Stats.spread(smallPeaks)
                                                    + " MiB; outcomes " + String.join(", ", statuses), ratios, "≤ 1.2, no OOM",
                ok && Stats.median(ratios) <= 1.2, "above", 1.2);
    }

    // ---- row 3

    /** Row 3: many concurrent real-time streams, the component alone in a child JVM. */
    private void concurrency() throws Exception {
        int streams = settings.integer("streams", 1000, 100);
        double seconds = settings.num("streamSeconds", 30, 2);
        int runs = settings.integer("concurrencyRuns", 3, 1);
        int warmStreams = settings.integer("warmupStreams", 1000, 20);
        double warmSeconds = settings.num("warmupSeconds", 10, 1);
        List<Map<String, String>> all = child("concurrency", ConcurrencyProbe.class, List.of("-Xmx1g"),
                List.of(emulator.url(), Integer.toString(emulator.port()), Integer.toString(streams), Double.toString(seconds),
                        Integer.toString(runs), Integer.toString(warmStreams), Double.toString(warmSeconds),
                        settings.quick ? "0" : "11000"));
        List<Map<String, String>> results = all.stream().filter(r -> !r.get("run").startsWith("-")).toList();
        List<Double> p99 = col(results, "driftP99");
        List<Double> p50 = col(results, "driftP50");
        List<Double> sendP99 = col(results, "sendDriftP99");
        List<Double> threads = col(results, "appThreads");
        List<Double> failures = col(results, "failures");
        List<Double> wall = col(results, "wallMs");
        List<Double> ratios = p99.stream().map(v -> v / 20.0).toList();
        Map<String, String> worst = results.stream().max((a, b) -> Double.compare(Double.parseDouble(a.get("appThreads")),
                Double.parseDouble(b.get("appThreads")))).orElseThrow();
        boolean ok = Stats.max(failures) == 0 && Stats.median(p99) < 20 && Stats.max(threads) < 64;
        row("3. " + streams + " concurrent real-time " + Stats.fmt(seconds) + " s streams, " + runs + " runs (wall "
            + Stats.spread(wall.stream().map(v -> v / 1000).toList()) + " s)",
                "failures " + Stats.spread(failures) + "; pacing drift p50 " + Stats.spread(p50) + " ms, p99 "
                + Stats.spread(p99) + " ms over " + results.get(0).get("frames") + " frames/run (at the client's socket"
                + " writes, the component's own pacing: p99 " + Stats.spread(sendP99) + " ms); live threads peak "
                + Stats.spread(threads) + " (JFR's own threads not counted; at the highest: " + worst.get("breakdown")
                + ", " + worst.get("threadsBefore") + " before the batch)", ratios, "0 failures, p99 drift < 20 ms (ratio = p99 / 20 ms < 1), threads < 64", ok,
                "above", 1.0);
        StringBuilder gc = new StringBuilder();
        for (Map<String, String> r : results) {
            gc.append(" run ").append(r.get("run")).append(": component JVM ").append(r.get("clientGc").replace('_', ' '))
                    .append("; emulator JVM ").append(r.get("emulatorGc").replace('_', ' ')).append(" (p99 ")
                    .append(Stats.fmt(Double.parseDouble(r.get("driftP99")))).append(" ms, max ")
                    .append(Stats.fmt(Double.parseDouble(r.get("driftMax")))).append(" ms; drift at the client's socket writes, same frames: p50 ")
                    .append(Stats.fmt(Double.parseDouble(r.get("sendDriftP50")))).append(" ms, p99 ")
                    .append(Stats.fmt(Double.parseDouble(r.get("sendDriftP99")))).append(" ms over ").append(r.get("sendFrames"))
                    .append(" frames; frames later than 20 ms: ").append(r.get("late20")).append(", of which a GC pause of the component JVM"
                    + " overlapped the delay of ").append(r.get("lateClientGc")).append(", of the emulator JVM ")
                    .append(r.get("lateEmulatorGc")).append(", of neither ").append(r.get("lateNoGc"))
                    .append("); threads at the peak by name: ").append(r.get("names").replace('_', ' ')).append('.');
        }
        notes.add("Row 3: drift = |when the emulator received frame k − when it received frame 0 − the audio time before"
                  + " frame k|, per stream. Component JVM -Xmx1g, alone; warm-up " + warmStreams + " × "
                  + Stats.fmt(warmSeconds) + " s streams first." + gc);
    }

    // ---- row 6 (run after 3 in the default order)

    /** Row 6: heap retained per open real-time session, component vs bare Tyrus, in a child JVM. */
    private void memory() throws Exception {
        int sessions = settings.integer("memorySessions", 1000, 60);
        double seconds = settings.num("memorySeconds", 12, 2.5);
        int runs = settings.integer("memoryRuns", 3, 1);
        Map<String, List<Map<String, String>>> sides = new LinkedHashMap<>();
        for (String side : List.of("component", "bare")) {
            sides.put(side, child("memory-" + side, MemoryProbe.class, List.of("-Xmx1g"), List.of(emulator.url(),
                    Integer.toString(emulator.port()), Integer.toString(sessions), Double.toString(seconds),
                    Integer.toString(runs), side)));
        }
        List<Double> comp = col(sides.get("component"), "bytes");
        List<Double> bare = col(sides.get("bare"), "bytes");
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < comp.size(); i++) {
            ratios.add(comp.get(i) / bare.get(i));
        }
        row("6. heap retained per open real-time session, " + sessions + " open vs none, " + runs + " runs",
                "component " + Stats.spread(comp.stream().map(v -> v / 1000).toList()) + " kB/session; bare Tyrus"
                + " session, same chunk in flight, " + Stats.spread(bare.stream().map(v -> v / 1000).toList())
                + " kB/session", ratios, "≤ 1.1 × bare (see below)", Stats.median(ratios) <= 1.1, "above", 1.1);
        sides.forEach((side, results) -> results.stream().filter(r -> r.containsKey("histo")).findFirst()
                .ifPresent(r -> notes.add("Row 6, what grew per open " + side + " session, first run (class: bytes:"
                                          + " instances, from class histograms): " + r.get("histo").replace(";", "; "))));
        notes.add("Row 6: one child JVM per side (-Xmx1g), each with the Camel context started (so the same shared"
                  + " transport), two warm-up batches, then per run: heap after full GCs with none open, then with "
                  + sessions + " real-time " + Stats.fmt(seconds) + " s sessions open and sending (1 s after the"
                  + " emulator saw them all open).");
    }

    // ---- row 4

    /** Row 4: from the server's last message (metadata) to the exchange done, vs a bare client seeing it. */
    private void completion() throws Exception {
        int sessions = settings.integer("completionSessions", 300, 40);
        int runs = settings.integer("completionRuns", 3, 2);
        List<Double> compP99 = new ArrayList<>();
        List<Double> compP50 = new ArrayList<>();
        List<Double> bareP99 = new ArrayList<>();
        List<Double> bareP50 = new ArrayList<>();
        List<Double> closeP99 = new ArrayList<>();
        List<Double> hopP99 = new ArrayList<>();
        List<Double> hopP50 = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> hopRatios = new ArrayList<>();
        List<Double> camelP50 = new ArrayList<>();
        List<Double> camelP99 = new ArrayList<>();
        List<Double> camelRatios = new ArrayList<>();
        List<Double> ioP50 = new ArrayList<>();
        List<Double> ioP99 = new ArrayList<>();
        List<Double> ioRatios = new ArrayList<>();
        Map<String, List<Double>> split = new LinkedHashMap<>();
        int[] slowTail = new int[2];
        probe = ReadProbe.install();
        try {
        for (int r = -1; r < runs; r++) {
            cleanHeaps();
            int before = emulator.count();
            List<String> compJobs = new ArrayList<>();
            Map<String, Long> bareSeen = new HashMap<>();
            Map<String, Long> bareClosed = new HashMap<>();
            Map<String, Long> bareHop = new HashMap<>();
            List<String> camelJobs = new ArrayList<>();
            List<String> ioJobs = new ArrayList<>();
            for (int i = 0; i < sessions; i++) { // the warm-up (r = -1) is a full run too
                for (int k = 0; k < 4; k++) {
                    int variant = (i + k) % 4; // rotate the order
                    if (variant == 3) {
                        Exchange out = template.send("direct:transcribe-io",
                                e -> e.getMessage().setBody(SyntheticWav.ofSeconds(1)));
                        check(out);
                        ioJobs.add(jobId(out));
                    } else if (variant == 2) {
                        Exchange out = template.send("direct:bare-camel",
                                e -> e.getMessage().setBody(SyntheticWav.ofSeconds(1)));
                        check(out);
                        camelJobs.add(jobId(out));
                    } else if (variant == 0) {
                        Exchange out = template.send("direct:transcribe",
                                e -> e.getMessage().setBody(SyntheticWav.ofSeconds(1)));
                        check(out);
                        compJobs.add(jobId(out));
                    } else {
                        BareTyrusClient.Run run = BareTyrusClient.open(emulator.url(), "bare", false, HOP);
                        BareTyrusClient.uploadChained(run, SyntheticWav.ofSeconds(1), 16000, 2).get(60, TimeUnit.SECONDS);
                        run.finish();
                        bareSeen.put(run.jobId(), run.metadataAt.get());
                        bareClosed.put(run.jobId(), run.closedAt.get());
                        bareHop.put(run.jobId(), run.metadataHopAt.get(10, TimeUnit.SECONDS));
                    }
                }
            }
            if (r < 0) {
                continue;
            }
            Map<String, Long> sent = new HashMap<>();
            for (EmulatorControl.Session s : emulator.dump(before)) {
                sent.put(s.jobId(), s.finalMessageNanos());
            }
            List<Double> comp = compJobs.stream().map(j -> (doneAt.get(j) - sent.get(j)) / 1e6).toList();
            List<Double> bare = bareSeen.entrySet().stream().map(e -> (e.getValue() - sent.get(e.getKey())) / 1e6).toList();
            List<Double> close = bareClosed.entrySet().stream().map(e -> (e.getValue() - sent.get(e.getKey())) / 1e6)
                    .toList();
            List<Double> hop = bareHop.entrySet().stream().map(e -> (e.getValue() - sent.get(e.getKey())) / 1e6).toList();
            compP99.add(Stats.percentile(comp, 99));
            compP50.add(Stats.percentile(comp, 50));
            bareP99.add(Stats.percentile(bare, 99));
            bareP50.add(Stats.percentile(bare, 50));
            closeP99.add(Stats.percentile(close, 99));
            hopP99.add(Stats.percentile(hop, 99));
            hopP50.add(Stats.percentile(hop, 50));
            ratios.add(Stats.percentile(comp, 99) / Stats.percentile(bare, 99));
            hopRatios.add(Stats.percentile(comp, 99) / Stats.percentile(hop, 99));
            List<Double> inCamel = camelJobs.stream().map(j -> (doneAt.get(j) - sent.get(j)) / 1e6).toList();
            camelP50.add(Stats.percentile(inCamel, 50));
            camelP99.add(Stats.percentile(inCamel, 99));
            camelRatios.add(Stats.percentile(comp, 99) / Stats.percentile(inCamel, 99));
            List<Double> onIo = ioJobs.stream().map(j -> (doneAt.get(j) - sent.get(j)) / 1e6).toList();
            ioP50.add(Stats.percentile(onIo, 50));
            ioP99.add(Stats.percentile(onIo, 99));
            ioRatios.add(Stats.percentile(onIo, 99) / Stats.percentile(bare, 99));
            readToDone(split, "continueOnIoThread", ioJobs);
            readToDone(split, "bare in a Camel route", camelJobs);
            List<long[]> pauses = GcWatch.pauses();
            for (String j : compJobs) {
                Long read = probe.metadataReads.get(j);
                if (read != null && doneAt.get(j) - read > 1_000_000) { // a slow tail: was this JVM stopped for GC?
                    slowTail[0]++;
                    slowTail[1] += ConcurrencyProbe.overlaps(pauses, read, doneAt.get(j)) ? 1 : 0;
                }
                if (read != null) {
                    split.computeIfAbsent("component: emulator → socket read", k -> new ArrayList<>())
                            .add((read - sent.get(j)) / 1e6);
                }
            }
            readToDone(split, "component", compJobs);
            bareSeen.forEach((j, seenAt) -> {
                Long read = probe.metadataReads.get(j);
                if (read != null) {
                    split.computeIfAbsent("bare: emulator → socket read", k -> new ArrayList<>())
                            .add((read - sent.get(j)) / 1e6);
                    split.computeIfAbsent("bare: socket read → callback", k -> new ArrayList<>())
                            .add((seenAt - read) / 1e6);
                }
            });
        }
        } finally {
            probe.close();
            probe = null;
        }
        notes.add("Row 4, where the time goes (all runs pooled; \"read\" = the client's socket read of the metadata"
                  + " message): " + splitNote(split) + ". Component completions over 1 ms from the socket read: "
                  + slowTail[0] + ", of which a GC pause of the benchmark JVM overlapped " + slowTail[1] + ".");
        row("4. server's last message (metadata) → exchange done, " + sessions + " sessions × " + runs + " runs",
                "component p50 " + Stats.spread(compP50) + " ms, p99 " + Stats.spread(compP99) + " ms; bare client sees"
                + " the metadata p50 " + Stats.spread(bareP50) + " ms, p99 " + Stats.spread(bareP99)
                + " ms (its close callback p99 " + Stats.spread(closeP99) + " ms; bare + one hand-off to a pool"
                + " thread p50 " + Stats.spread(hopP50) + " ms, p99 " + Stats.spread(hopP99) + " ms, component / that "
                + Stats.ratioSpread(hopRatios) + "; the bare client as a Camel async processor whose callback continues"
                + " the exchange on a pool like the component's p50 " + Stats.spread(camelP50) + " ms, p99 "
                + Stats.spread(camelP99) + " ms, component / that " + Stats.ratioSpread(camelRatios) + ")",
                ratios, "p99 ≤ 1.1 × bare", Stats.median(ratios) <= 1.1, "above", 1.1);
        row("4b. the same with continueOnIoThread=true (the exchange continues on the I/O thread that read the"
            + " metadata), sessions interleaved with row 4's",
                "component p50 " + Stats.spread(ioP50) + " ms, p99 " + Stats.spread(ioP99) + " ms; bare as in row 4",
                ioRatios, "p99 ≤ 1.1 × bare", Stats.median(ioRatios) <= 1.1, "above", 1.1);
    }

    /** Row 4's split: from the client's socket read of each job's metadata to its exchange being done. */
    private void readToDone(Map<String, List<Double>> split, String side, List<String> jobs) {
        for (String j : jobs) {
            Long read = probe.metadataReads.get(j);
            if (read != null) {
                split.computeIfAbsent(side + ": socket read → exchange done", k -> new ArrayList<>())
                        .add((doneAt.get(j) - read) / 1e6);
            }
        }
    }

    // ---- row 5

    private static final int LIVE_CHUNK = 3200; // 100 ms of 16 kHz 16-bit mono: what live captioning sends

    /**
     * Row 5: live captions. Sessions send in real time in 100 ms chunks with partials on; from a partial leaving the
     * emulator to the route of eventUri seeing it, vs a bare Tyrus client's message callback, both sides at once.
     */
    private void partials() throws Exception {
        int sessions = settings.integer("partialSessions", 30, 5);
        double seconds = settings.num("partialSeconds", 30, 2);
        int runs = settings.integer("partialRuns", 3, 1);
        List<Double> compP99 = new ArrayList<>();
        List<Double> compP50 = new ArrayList<>();
        List<Double> bareP99 = new ArrayList<>();
        List<Double> bareP50 = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        List<Double> hopP99 = new ArrayList<>();
        List<Double> hopP50 = new ArrayList<>();
        List<Double> hopRatios = new ArrayList<>();
        List<Double> ioP99 = new ArrayList<>();
        List<Double> ioP50 = new ArrayList<>();
        List<Double> ioRatios = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-bare-timer");
            t.setDaemon(true);
            return t;
        });
        ExecutorService connects = Executors.newFixedThreadPool(8);
        String gc = "";
        probe = ReadProbe.install();
        Map<String, List<Double>> split = new LinkedHashMap<>();
        try {
            // JIT warm-up: thousands of partials through both paths, audio sent as fast as the emulator reads it.
            for (int w = 0; w < (settings.quick ? 1 : 3); w++) {
                List<CompletableFuture<Exchange>> fast = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    fast.add(template.asyncSend("direct:live-fast", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(30))));
                    fast.add(template.asyncSend("direct:live-fast-io", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(30))));
                    BareTyrusClient.Run run = BareTyrusClient.open(emulator.url(), "bare-warm", true, HOP);
                    BareTyrusClient.uploadChained(run, SyntheticWav.ofSeconds(30), LIVE_CHUNK, 2).get(60, TimeUnit.SECONDS);
                    run.finish();
                }
                for (CompletableFuture<Exchange> f : fast) {
                    check(f.get(5, TimeUnit.MINUTES));
                }
            }
            partialsAt.clear();
            for (int r = -1; r < runs; r++) {
                double s = r < 0 ? Math.min(3, seconds) : seconds;
                List<Double> comp = new ArrayList<>();
                List<Double> bare = new ArrayList<>();
                List<Double> hop = new ArrayList<>();
                List<Double> io = new ArrayList<>();
                cleanHeaps();
                GcWatch.reset();
                emulator.gcReset();
                livePartials(sessions, s, timer, connects, comp, io, bare, hop, r < 0 ? new HashMap<>() : split);
                if (r < 0) {
                    continue;
                }
                compP99.add(Stats.percentile(comp, 99));
                compP50.add(Stats.percentile(comp, 50));
                bareP99.add(Stats.percentile(bare, 99));
                bareP50.add(Stats.percentile(bare, 50));
                counts.add((double) comp.size());
                ratios.add(Stats.percentile(comp, 99) / Stats.percentile(bare, 99));
                hopP99.add(Stats.percentile(hop, 99));
                hopP50.add(Stats.percentile(hop, 50));
                hopRatios.add(Stats.percentile(comp, 99) / Stats.percentile(hop, 99));
                ioP99.add(Stats.percentile(io, 99));
                ioP50.add(Stats.percentile(io, 50));
                ioRatios.add(Stats.percentile(io, 99) / Stats.percentile(bare, 99));
                gc += " run " + r + ": benchmark JVM " + GcWatch.summary() + ", emulator JVM " + emulator.gcStats() + ".";
            }
        } finally {
            probe.close();
            probe = null;
            timer.shutdownNow();
            connects.shutdownNow();
        }
        row("5. partial leaves the emulator → route sees it (eventUri), " + sessions + " component + " + sessions
            + " bare (+ " + sessions + " of row 5b) concurrent real-time "
            + Stats.fmt(seconds) + " s sessions, 100 ms chunks, " + runs + " runs",
                "component p50 " + Stats.spread(compP50) + " ms, p99 " + Stats.spread(compP99) + " ms over "
                + Stats.spread(counts) + " partials/run; bare client p50 " + Stats.spread(bareP50) + " ms, p99 "
                + Stats.spread(bareP99) + " ms (bare + one hand-off to a pool thread p50 " + Stats.spread(hopP50) + " ms, p99 " + Stats.spread(hopP99)
                + " ms, component / that " + Stats.ratioSpread(hopRatios) + ")", ratios, "p99 ≤ 1.5 × bare", Stats.median(ratios) <= 1.5, "above", 1.5);
        row("5b. the same with continueOnIoThread=true (events sent to the route on the I/O thread that read them), "
            + sessions + " more sessions at the same time as row 5's",
                "component p50 " + Stats.spread(ioP50) + " ms, p99 " + Stats.spread(ioP99) + " ms; bare as in row 5",
                ioRatios, "p99 ≤ 1.5 × bare", Stats.median(ioRatios) <= 1.5, "above", 1.5);
        notes.add("Row 5, where the time goes (all runs pooled; \"read\" = the client's socket read of the message on"
                  + " the shared Grizzly transport, noted by a connection probe): " + splitNote(split) + ". GC:" + gc);
    }

    private ReadProbe probe;

    private static String splitNote(Map<String, List<Double>> split) {
        StringBuilder b = new StringBuilder();
        split.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(" p50 ")
                .append(Stats.fmt(Stats.percentile(v, 50))).append(" ms, p99 ").append(Stats.fmt(Stats.percentile(v, 99)))
                .append(" ms, max ").append(Stats.fmt(Stats.max(v))).append(" ms"));
        return b.toString();
    }

    /** Adds the emulator → socket read and socket read → seen parts of each latency to {@code split}. */
    private void split(Map<String, List<Double>> split, String side, String jobId, long[] sent, List<Long> seen) {
        List<Long> reads = probe.partialReads.getOrDefault(jobId, List.of());
        if (reads.size() != sent.length) {
            return; // a message split over two reads: leave the session out of the split
        }
        for (int p = 0; p < sent.length; p++) {
            split.computeIfAbsent(side + ": emulator → socket read", k -> new ArrayList<>()).add((reads.get(p) - sent[p]) / 1e6);
            split.computeIfAbsent(side + ": socket read → " + (side.equals("bare") ? "callback" : "route"),
                    k -> new ArrayList<>()).add((seen.get(p) - reads.get(p)) / 1e6);
        }
    }

    /**
     * Runs {@code sessions} component sessions and as many bare ones at the same time, started alternately and spread
     * over the 100 ms chunk period, so that both sides meet the same machine (other processes, GC of this JVM and the
     * emulator's) and the ratio does not depend on which side ran in a quieter minute.
     */
    private void livePartials(int sessions, double seconds, ScheduledExecutorService timer, ExecutorService connects,
                              List<Double> comp, List<Double> io, List<Double> bare, List<Double> hop,
                              Map<String, List<Double>> split)
            throws Exception {
        int before = emulator.count();
        partialsAt.clear();
        List<CompletableFuture<Exchange>> components = new ArrayList<>();
        List<CompletableFuture<Exchange>> onIo = new ArrayList<>();
        List<CompletableFuture<BareTyrusClient.Run>> bares = new ArrayList<>();
        long stagger = 100_000_000L / (3 * sessions); // three starts per step: 3 × sessions starts over 100 ms
        for (int i = 0; i < sessions; i++) {
            components.add(template.asyncSend("direct:live", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(seconds))));
            TimeUnit.NANOSECONDS.sleep(stagger);
            onIo.add(template.asyncSend("direct:live-io", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(seconds))));
            TimeUnit.NANOSECONDS.sleep(stagger);
            bares.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return BareTyrusClient.open(emulator.url(), "bare-live", true, HOP);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, connects).thenCompose(run -> BareTyrusClient.uploadPaced(run, SyntheticWav.ofSeconds(seconds), LIVE_CHUNK,
                    SyntheticWav.BYTES_PER_SECOND, timer).thenCompose(v -> run.metadataAt).thenApply(v -> run)));
            TimeUnit.NANOSECONDS.sleep(stagger);
        }
        for (CompletableFuture<Exchange> f : components) {
            check(f.get(5, TimeUnit.MINUTES));
        }
        java.util.Set<String> ioJobs = new java.util.HashSet<>();
        for (CompletableFuture<Exchange> f : onIo) {
            Exchange out = f.get(5, TimeUnit.MINUTES);
            check(out);
            ioJobs.add(jobId(out));
        }
        Map<String, BareTyrusClient.Run> bareRuns = new HashMap<>();
        for (CompletableFuture<BareTyrusClient.Run> f : bares) {
            BareTyrusClient.Run run = f.get(5, TimeUnit.MINUTES).finish();
            bareRuns.put(run.jobId(), run);
        }
        for (EmulatorControl.Session s : emulator.dump(before)) {
            long[] sent = s.partialNanos();
            BareTyrusClient.Run run = bareRuns.get(s.jobId());
            List<Long> seen = run != null ? run.partialsAt : partialsAt.getOrDefault(s.jobId(), List.of());
            if (seen.size() != sent.length) {
                throw new IllegalStateException((run != null ? "bare" : "component") + " job " + s.jobId() + ": "
                                                + sent.length + " partials sent, " + seen.size() + " seen");
            }
            for (int p = 0; p < sent.length; p++) {
                (run != null ? bare : ioJobs.contains(s.jobId()) ? io : comp).add((seen.get(p) - sent[p]) / 1e6);
                if (run != null && run.partialsHopAt.get(p) != null) {
                    hop.add((run.partialsHopAt.get(p) - sent[p]) / 1e6);
                }
            }
            split(split, run != null ? "bare" : ioJobs.contains(s.jobId()) ? "continueOnIoThread" : "component", s.jobId(),
                    sent, seen);
        }
    }

    /** Notes a time window (from then to now) for the per-row and per-variant JFR summaries. */
    private void window(String name, long fromMillis) {
        windows.computeIfAbsent(name, k -> new ArrayList<>()).add(new long[] { fromMillis, System.currentTimeMillis() });
    }

    /** Full GCs in the benchmark and emulator JVMs, so that a latency run starts with empty young generations. */
    private void cleanHeaps() throws IOException, InterruptedException {
        System.gc();
        emulator.gc();
        Thread.sleep(200); // GC notifications arrive late: let these land before a GcWatch reset
    }

    // ---- child JVMs

    /** JVM options of a child: G1 unless a collector is given, a GC log, and a JFR recording (profile settings with --profile). */
    private List<String> jvm(String name, String... options) {
        List<String> all = new ArrayList<>(Arrays.asList(options));
        if (all.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            all.add("-XX:+UseG1GC");
        }
        all.add("-Xlog:gc:file=" + OUT.resolve(name + "-gc.log"));
        { // always: its threads are told apart in row 3's count
            all.add("-XX:StartFlightRecording=filename=" + OUT.resolve("jfr").resolve(name + ".jfr") + ",settings="
                    + (profile ? "profile" : "default"));
        }
        return all;
    }

    /** Runs a child JVM and returns its RESULT (and HISTO) lines as key=value maps. */
    List<Map<String, String>> child(String name, Class<?> main, List<String> options, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm(name, options.toArray(String[]::new)));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(OUT.resolve(name + ".log").toFile()).start();
        List<Map<String, String>> results = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith("RESULT ")) {
                    System.err.println("  " + name + ": " + line);
                    Map<String, String> fields = new LinkedHashMap<>();
                    Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(line);
                    while (m.find()) {
                        fields.put(m.group(1), m.group(2));
                    }
                    results.add(fields);
                } else if (line.startsWith("HISTO ")) {
                    results.add(Map.of("histo", line.substring(6)));
                }
            }
        }
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || results.isEmpty()) {
            throw new IllegalStateException(name + " child JVM failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                                            + "); see " + OUT.resolve(name + ".log"));
        }
        return results;
    }

    static List<Double> col(List<Map<String, String>> results, String key) {
        return results.stream().filter(r -> r.containsKey(key)).map(r -> Double.parseDouble(r.get(key))).toList();
    }

    // ---- the table

    void row(String what, String measured, List<Double> ratios, String goal, boolean met, String direction,
                     double bound) {
        double median = Stats.median(ratios);
        String verdict;
        if (met) {
            verdict = "met";
        } else if (Double.isNaN(bound)) {
            verdict = "missed";
        } else {
            verdict = "missed: " + direction + " by " + String.format(Locale.ROOT, "%.0f %%",
                    Math.abs(median / bound - 1) * 100);
        }
        Row row = new Row(what, measured, Stats.ratioSpread(ratios), goal, verdict, ratios);
        table.add(row);
        System.err.println(what + ": " + measured + " ratio " + row.ratio() + " → " + verdict);
    }

    private void print(String started, String machine, String loadBefore, String loadAfter, double seconds,
                       String clock, String[] args) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| row | measured: median (min–max) over the runs | ratio: median (min–max) | goal | verdict |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        for (Row r : table) {
            md.append("| ").append(r.what()).append(" | ").append(r.measured()).append(" | ").append(r.ratio())
                    .append(" | ").append(r.goal()).append(" | ").append(r.verdict()).append(" |\n");
        }
        md.append("\n- Run: ").append(started).append(", `camel-prosa-stt-benchmark/run-benchmark.sh")
                .append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`, ")
                .append(Stats.fmt(seconds)).append(" s").append(settings.quick ? " (quick: sizes are not the table's)" : "")
                .append(".\n");
        md.append("- Machine: ").append(machine).append(". Load average (1/5/15 min) at the start ").append(loadBefore)
                .append(", at the end ").append(loadAfter).append(".\n");
        md.append("- The emulator runs in its own JVM (-Xms1g -Xmx2g) for every row and shares the 2 cores with the"
                  + " client side. Benchmark JVM: rows 1, 4 and 5 (component and bare client side by side, -Xmx2g) and 8;"
                  + " child JVMs: row 2 (-Xmx64m, one per body), rows 3 and 6 (-Xmx1g), row 7 (-Xmx64m, both ways). ").append(clock).append(".\n");
        md.append("- Sizes: ").append(settings.used).append(".\n");
        for (String n : notes) {
            md.append("- ").append(n).append('\n');
        }
        System.out.print(md);
        Path out = Path.of("target", "benchmark.md");
        Files.writeString(out, md.toString());
        // Kept per run, so that runs can be compared (CompareRuns): the table and each row's ratios.
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.writeString(OUT.resolve("benchmark-" + stamp + ".md"), md.toString());
        StringBuilder tsv = new StringBuilder();
        for (Row r : table) {
            tsv.append(r.what().replaceAll("^(\\d+b?)\\..*", "$1")).append('\t').append(r.verdict());
            r.ratios().forEach(v -> tsv.append('\t').append(v));
            tsv.append('\n');
        }
        Files.writeString(OUT.resolve("ratios-" + stamp + ".tsv"), tsv.toString());
        System.err.println("Written to " + out.toAbsolutePath() + "; JFR recordings and GC logs in "
                           + OUT.toAbsolutePath());
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

    private static String jobId(Exchange e) {
        return e.getMessage().getHeader(ProsaSttConstants.JOB_ID, String.class);
    }

    private static void check(Exchange out) {
        if (out.getException() != null) {
            throw new IllegalStateException("benchmark exchange failed", out.getException());
        }
    }
}
