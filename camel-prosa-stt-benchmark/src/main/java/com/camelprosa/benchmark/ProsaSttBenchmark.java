package com.camelprosa.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.component.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;

/**
 * The benchmark behind the README's table: every row measured side by side, in one run, against one in-process
 * emulator. Run it with {@code camel-prosa-stt-benchmark/run-benchmark.sh}; rows can be picked by name
 * (throughput, heap, concurrency, completion, partials). Sizes: -Dbench.audioSeconds (3600), -Dbench.streams (1000),
 * -Dbench.streamSeconds (30), -Dbench.bigBytes (1 GiB), -Dbench.smallBytes (10 MiB).
 */
public final class ProsaSttBenchmark {

    private static final String KEY = "bench-key";
    private static final List<String> ROWS = List.of("throughput", "heap", "concurrency", "completion", "partials");
    /** Held so the level sticks: the emulator logs a line per session at INFO, thousands in a run. */
    private static final java.util.logging.Logger EMULATOR_LOG
            = java.util.logging.Logger.getLogger("com.camelprosa.prosastt.emulator");

    private final List<String[]> table = new ArrayList<>();
    private final Map<String, Long> doneAt = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> partialsAt = new ConcurrentHashMap<>();
    private ProsaSttEmulator emulator;
    private CamelContext camel;
    private ProducerTemplate template;

    public static void main(String[] args) throws Exception {
        List<String> rows = args.length == 0 ? ROWS : Arrays.asList(args);
        new ProsaSttBenchmark().run(rows);
        System.exit(0);
    }

    private void run(List<String> rows) throws Exception {
        EMULATOR_LOG.setLevel(java.util.logging.Level.WARNING);
        emulator = ProsaSttEmulator.builder().apiKey(KEY).build().start();
        camel = new DefaultCamelContext();
        camel.setStreamCaching(false); // the bodies are streams made on the fly: caching would read them whole
        String endpoint = "prosa-stt:general?url=" + emulator.url() + "&apiKey=RAW(" + KEY + ")&responseTimeout=120000";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:transcribe").to(endpoint).process(e -> doneAt.put(jobId(e), System.nanoTime()));
                from("direct:realtime").to(endpoint + "&realtime=true");
                from("direct:stream").to(endpoint + "&outputType=stream&includePartial=true")
                        .split(body()).streaming().process(e -> {
                            TranscriptEvent event = e.getMessage().getBody(TranscriptEvent.class);
                            if (event.type() == TranscriptEvent.Type.PARTIAL) {
                                partialsAt.computeIfAbsent(event.jobId(), k -> new CopyOnWriteArrayList<>())
                                        .add(System.nanoTime());
                            }
                        });
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        System.err.println("Benchmark against the emulator at " + emulator.url() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        try {
            for (String row : rows) {
                switch (row) {
                    case "throughput" -> throughput();
                    case "heap" -> heap();
                    case "concurrency" -> concurrency();
                    case "completion" -> completion();
                    case "partials" -> partials();
                    default -> throw new IllegalArgumentException("Unknown row " + row + "; rows: " + ROWS);
                }
            }
        } finally {
            camel.close();
            emulator.close();
        }
        print();
    }

    /** Row 1: a long WAV through the component route vs the same protocol by hand. */
    private void throughput() throws Exception {
        double seconds = Double.parseDouble(System.getProperty("bench.audioSeconds", "3600"));
        // A file, as a file: route delivers it; both sides read the same file.
        Path wav = Path.of("target", "bench-" + (long) seconds + "s.wav");
        try (var in = SyntheticWav.ofSeconds(seconds)) {
            Files.copy(in, wav, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        long bytes = Files.size(wav);
        List<Long> bare = new ArrayList<>();
        List<Long> component = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            BareTyrusClient.Run run;
            try (var in = Files.newInputStream(wav)) {
                run = BareTyrusClient.transcribe(emulator.url(), KEY, in, "bare", false);
            }
            bare.add(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            Exchange out = template.send("direct:transcribe", e -> e.getMessage().setBody(wav.toFile()));
            component.add(System.nanoTime() - t1);
            check(out);
            if (run.results == 0) {
                throw new IllegalStateException("the bare client got no results");
            }
        }
        double bareMBs = bytes / 1e6 / (median(bare) / 1e9);
        double compMBs = bytes / 1e6 / (median(component) / 1e9);
        Files.delete(wav);
        row("1. throughput, " + fmt(seconds / 3600) + " h 16 kHz mono WAV file (" + fmt(bytes / 1e6) + " MB), median of 5",
                "component " + fmt(compMBs) + " MB/s, bare Tyrus loop " + fmt(bareMBs) + " MB/s", compMBs / bareMBs,
                "≥ 0.99");
    }

    /** Row 2: peak heap of a child JVM with -Xmx64m streaming a big body vs a small one. */
    private void heap() throws Exception {
        long big = Long.getLong("bench.bigBytes", 1L << 30);
        long small = Long.getLong("bench.smallBytes", 10L << 20);
        String[] smallRun = heapProbe(small);
        String[] bigRun = heapProbe(big);
        double ratio = Double.parseDouble(bigRun[1]) / Double.parseDouble(smallRun[1]);
        row("2. peak heap, -Xmx64m, " + fmt(big / 1048576.0) + " MiB body vs " + fmt(small / 1048576.0) + " MiB",
                fmt(Double.parseDouble(bigRun[1]) / 1048576) + " MiB vs " + fmt(Double.parseDouble(smallRun[1]) / 1048576)
                + " MiB (" + bigRun[0] + " / " + smallRun[0] + ")", ratio, "≤ 1.2, no OOM");
    }

    private String[] heapProbe(long bytes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName(), emulator.url(), KEY, Long.toString(bytes)).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || result == null) {
            throw new IllegalStateException("heap probe of " + bytes + " bytes gave no result");
        }
        System.err.println(result);
        String status = result.split(" ")[1];
        String peak = result.replaceAll(".* peak=(\\d+).*", "$1");
        return new String[] { status, peak };
    }

    /** Row 3: many concurrent real-time-paced streams on this machine. */
    private void concurrency() throws Exception {
        int streams = Integer.getInteger("bench.streams", 1000);
        double seconds = Double.parseDouble(System.getProperty("bench.streamSeconds", "30"));
        byte[] audio = SyntheticWav.ofSeconds(seconds).readAllBytes();
        AsyncProcessor route = AsyncProcessorConverterHelper.convert(
                camel.getEndpoint("direct:realtime").createProducer());
        int before = emulator.sessions().size();
        CountDownLatch done = new CountDownLatch(streams);
        AtomicInteger failures = new AtomicInteger();
        AtomicLong peakThreads = new AtomicLong();
        Map<String, Long> peakBreakdown = new ConcurrentHashMap<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                int now = ManagementFactory.getThreadMXBean().getThreadCount();
                if (now > peakThreads.get()) {
                    peakThreads.set(now);
                    peakBreakdown.clear();
                    peakBreakdown.putAll(threadGroups());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long t0 = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            Exchange e = new DefaultExchange(camel);
            e.getMessage().setBody(audio);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, "stream-" + i);
            route.process(e, doneSync -> {
                if (e.getException() != null) {
                    failures.incrementAndGet();
                    System.err.println("failed after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e.getException().getMessage());
                }
                done.countDown();
            });
        }
        boolean all = done.await((long) (seconds * 4 + 120), TimeUnit.SECONDS);
        long wallMillis = (System.nanoTime() - t0) / 1_000_000;
        sampler.interrupt();
        List<Double> drift = new ArrayList<>();
        for (SessionRecord s : emulator.sessions().subList(before, emulator.sessions().size())) {
            List<Long> at = s.binaryFrameNanos();
            List<Integer> sizes = s.binaryFrameSizes();
            long bytesBefore = 0;
            for (int f = 0; f < at.size(); f++) {
                double due = bytesBefore / (double) SyntheticWav.BYTES_PER_SECOND;
                drift.add(Math.abs((at.get(f) - at.get(0)) / 1e9 - due) * 1000);
                bytesBefore += sizes.get(f);
            }
        }
        int failed = failures.get() + (all ? 0 : (int) done.getCount());
        row("3. " + streams + " concurrent real-time " + fmt(seconds) + " s streams (wall " + fmt(wallMillis / 1000.0)
            + " s)", "failures " + failed + "; pacing drift p50 " + fmt(percentile(drift, 50)) + " ms, p99 "
                     + fmt(percentile(drift, 99)) + " ms over " + drift.size() + " frames; live threads peak "
                     + peakThreads.get() + " (" + threadsBefore + " before; " + peakBreakdown + ")",
                percentile(drift, 99) / 50.0, "failures 0, p99 drift < 50 ms (ratio to 50 ms < 1), threads < 64");
    }

    /** Row 4: from the server's last message to the exchange completing, vs a bare client's close callback. */
    private void completion() throws Exception {
        int sessions = Integer.getInteger("bench.completionSessions", 200);
        List<Double> component = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Exchange out = template.send("direct:transcribe", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(1)));
            check(out);
            String job = jobId(out);
            component.add((doneAt.get(job) - session(job).finalMessageSentNanos()) / 1e6);
            BareTyrusClient.Run run = BareTyrusClient.transcribe(emulator.url(), KEY, SyntheticWav.ofSeconds(1), "bare",
                    false);
            SessionRecord last = emulator.sessions().get(emulator.sessions().size() - 1);
            bare.add((run.closedAt.get() - last.finalMessageSentNanos()) / 1e6);
        }
        row("4. server's last message → exchange done, " + sessions + " sessions",
                "component p50 " + fmt(percentile(component, 50)) + " ms, p99 " + fmt(percentile(component, 99))
                + " ms; bare client's close p50 " + fmt(percentile(bare, 50)) + " ms, p99 "
                + fmt(percentile(bare, 99)) + " ms",
                percentile(component, 99) / percentile(bare, 99), "p99 < 2 ms");
    }

    /** Row 5: from a partial leaving the emulator to the route seeing it, vs a bare client's message callback. */
    private void partials() throws Exception {
        int sessions = Integer.getInteger("bench.partialSessions", 20);
        List<Double> component = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int before = emulator.sessions().size();
            Exchange out = template.send("direct:stream", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(6)));
            check(out);
            SessionRecord s = emulator.sessions().get(before);
            List<Long> sent = s.partialSentNanos();
            List<Long> seen = partialsAt.getOrDefault(s.jobId(), List.of());
            for (int p = 0; p < Math.min(sent.size(), seen.size()); p++) {
                component.add((seen.get(p) - sent.get(p)) / 1e6);
            }
            BareTyrusClient.Run run = BareTyrusClient.transcribe(emulator.url(), KEY, SyntheticWav.ofSeconds(6), "bare",
                    true);
            List<Long> bareSent = emulator.sessions().get(emulator.sessions().size() - 1).partialSentNanos();
            for (int p = 0; p < Math.min(bareSent.size(), run.partialsAt.size()); p++) {
                bare.add((run.partialsAt.get(p) - bareSent.get(p)) / 1e6);
            }
        }
        row("5. partial leaves the emulator → route sees it, " + component.size() + " partials",
                "component p50 " + fmt(percentile(component, 50)) + " ms, p99 " + fmt(percentile(component, 99))
                + " ms; bare client p50 " + fmt(percentile(bare, 50)) + " ms, p99 " + fmt(percentile(bare, 99)) + " ms",
                percentile(component, 99) / percentile(bare, 99), "—");
    }

    /** Live threads by owner, from their names: the component's, Tyrus/Grizzly's (client and emulator), the JVM's. */
    private static Map<String, Long> threadGroups() {
        return Thread.getAllStackTraces().keySet().stream().collect(java.util.stream.Collectors.groupingBy(t -> {
            String n = t.getName();
            if (n.contains("ProsaStt") || n.startsWith("prosa-stt")) {
                return "component";
            }
            if (n.startsWith("prosa-emulator") || n.startsWith("grizzly-nio-kernel") || n.startsWith("Grizzly-worker")
                || n.startsWith("HttpServer")) {
                return "emulator";
            }
            if (n.contains("Grizzly") || n.contains("Tyrus") || n.contains("tyrus")) {
                return "grizzly-client";
            }
            return n.startsWith("Camel") ? "camel" : "jvm+other";
        }, java.util.stream.Collectors.counting()));
    }

    private SessionRecord session(String jobId) {
        return emulator.sessions().stream().filter(s -> jobId.equals(s.jobId())).findFirst().orElseThrow();
    }

    private static String jobId(Exchange e) {
        return e.getMessage().getHeader(ProsaSttConstants.JOB_ID, String.class);
    }

    private static void check(Exchange out) {
        if (out.getException() != null) {
            throw new IllegalStateException("benchmark exchange failed", out.getException());
        }
    }

    private void row(String what, String measured, double ratio, String goal) {
        table.add(new String[] { what, measured, String.format(Locale.ROOT, "%.3f", ratio), goal });
        System.err.println(what + ": " + measured + " ratio " + String.format(Locale.ROOT, "%.3f", ratio));
    }

    private void print() throws Exception {
        StringBuilder md = new StringBuilder("| row | measured | ratio | goal |\n| --- | --- | --- | --- |\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        System.out.print(md);
        Path out = Path.of("target", "benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }
}
