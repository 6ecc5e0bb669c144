package com.camelprosa.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;

/**
 * Child JVM of the benchmark (row 3): only the component and Camel live here, so the thread count is the
 * application's. Runs a warm-up batch, then {@code runs} batches of {@code streams} concurrent real-time streams,
 * and prints one {@code RESULT} line per batch with the pacing drift the emulator saw.
 * Args: url controlPort streams seconds runs warmupStreams warmupSeconds settle (true: let the pools shrink first).
 */
public final class ConcurrencyProbe {

    private static ReadProbe probe;

    private ConcurrencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int port = Integer.parseInt(args[1]);
        int streams = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int runs = Integer.parseInt(args[4]);
        int warmupStreams = Integer.parseInt(args[5]);
        double warmupSeconds = Double.parseDouble(args[6]);
        boolean settle = Boolean.parseBoolean(args[7]);
        try (EmulatorControl emulator = EmulatorControl.connect(url, port);
             CamelContext camel = new DefaultCamelContext()) {
            camel.setStreamCaching(false);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:realtime").to(BenchContext.endpoint(url) + "&realtime=true");
                }
            });
            camel.start();
            AsyncProcessor route = AsyncProcessorConverterHelper.convert(camel.getEndpoint("direct:realtime").createProducer());
            // When the client's socket wrote each audio frame: splits drift into the client's and the receiving side's.
            probe = ReadProbe.install();
            probe.minWrite = 8000;
            batch(camel, route, emulator, warmupStreams, warmupSeconds, -1);
            // The warm-up ran cold code, slower, so its bursts made more pool threads than warm code does: let the
            // component's elastic pools drop them on their own idle timeout before the measured batches.
            if (settle) {
                awaitElasticPoolsIdle();
            }
            for (int r = 0; r < runs; r++) {
                batch(camel, route, emulator, streams, seconds, r);
            }
        }
        System.exit(0);
    }

    private static void batch(CamelContext camel, AsyncProcessor route, EmulatorControl emulator, int streams,
                              double seconds, int run) throws Exception {
        byte[] audio = SyntheticWav.ofSeconds(seconds).readAllBytes();
        int before = emulator.count();
        System.gc(); // both JVMs start the batch with empty young generations
        emulator.gc();
        GcWatch.reset();
        emulator.gcReset();
        CountDownLatch done = new CountDownLatch(streams);
        AtomicInteger failures = new AtomicInteger();
        AtomicLong peakThreads = new AtomicLong();
        Map<String, Long> peakBreakdown = new ConcurrentHashMap<>();
        Map<String, Long> peakNames = new ConcurrentHashMap<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                int now = ManagementFactory.getThreadMXBean().getThreadCount();
                if (now > peakThreads.get()) {
                    peakThreads.set(now);
                    peakBreakdown.clear();
                    peakBreakdown.putAll(threadGroups());
                    peakNames.clear();
                    peakNames.putAll(threadNames());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-sampler");
        sampler.setDaemon(true);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        sampler.start();
        long t0 = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            Exchange e = new DefaultExchange(camel);
            e.getMessage().setBody(audio);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, "stream-" + i);
            route.process(e, doneSync -> {
                if (e.getException() != null) {
                    failures.incrementAndGet();
                    System.err.println("failed after " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
                                       + e.getException().getMessage());
                }
                done.countDown();
            });
        }
        boolean all = done.await((long) (seconds * 4 + 120), TimeUnit.SECONDS);
        long wallMillis = (System.nanoTime() - t0) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        String clientGc = GcWatch.summary();
        String emulatorGc = emulator.gcStats();
        List<Double> drift = new ArrayList<>();
        List<long[]> clientPauses = GcWatch.pauses();
        List<long[]> emulatorPauses = emulator.gcPauses();
        List<Double> sendDrift = new ArrayList<>();
        int late = 0;
        int lateClientGc = 0;
        int lateEmulatorGc = 0;
        int lateNoGc = 0;
        for (EmulatorControl.Session s : emulator.dump(before)) {
            long[] at = s.frameNanos();
            long[] sizes = s.frameSizes();
            List<Long> written = probe.writesOf(s.jobId());
            long big = java.util.Arrays.stream(sizes).filter(n -> n >= probe.minWrite).count();
            if (written != null && written.size() == big) { // one socket write per full frame: the client's drift
                long b = 0;
                int w = 0;
                for (int f = 0; f < at.length; f++) {
                    if (sizes[f] >= probe.minWrite) {
                        sendDrift.add(Math.abs((written.get(w++) - written.get(0)) / 1e9
                                               - b / (double) SyntheticWav.BYTES_PER_SECOND) * 1000);
                    }
                    b += sizes[f];
                }
            }
            long bytesBefore = 0;
            for (int f = 0; f < at.length; f++) {
                double due = bytesBefore / (double) SyntheticWav.BYTES_PER_SECOND;
                double d = Math.abs((at[f] - at[0]) / 1e9 - due) * 1000;
                drift.add(d);
                bytesBefore += sizes[f];
                if (d > 20) { // a frame past the goal: was either JVM stopped for GC between its due time and arrival?
                    late++;
                    long dueAt = at[0] + (long) (due * 1e9);
                    long from = Math.min(dueAt, at[f]);
                    long to = Math.max(dueAt, at[f]);
                    boolean c = overlaps(clientPauses, from, to);
                    boolean e = overlaps(emulatorPauses, from, to);
                    lateClientGc += c ? 1 : 0;
                    lateEmulatorGc += e ? 1 : 0;
                    lateNoGc += c || e ? 0 : 1;
                }
            }
        }
        int failed = failures.get() + (all ? 0 : (int) done.getCount());
        System.out.println("RESULT run=" + run + " failures=" + failed + " wallMs=" + wallMillis + " driftP50="
                           + Stats.percentile(drift, 50) + " driftP99=" + Stats.percentile(drift, 99) + " driftMax="
                           + Stats.max(drift) + " sendDriftP50=" + Stats.percentile(sendDrift, 50) + " sendDriftP99="
                           + Stats.percentile(sendDrift, 99) + " sendFrames=" + sendDrift.size() + " late20=" + late + " lateClientGc=" + lateClientGc + " lateEmulatorGc="
                           + lateEmulatorGc + " lateNoGc=" + lateNoGc + " frames=" + drift.size() + " peakThreads=" + peakThreads.get() + " appThreads="
                           + (peakThreads.get() - peakBreakdown.getOrDefault("jfr", 0L))
                           + " threadsBefore=" + threadsBefore + " breakdown=" + new TreeMap<>(peakBreakdown).toString()
                                   .replace(" ", "") + " names=" + new TreeMap<>(peakNames).toString().replace(" ", "_")
                           + " clientGc=" + clientGc.replace(" ", "_") + " emulatorGc="
                           + emulatorGc.replace(" ", "_"));
        System.out.flush();
        probe.jobs.clear();
        probe.writes.clear();
        probe.partialReads.clear();
        probe.metadataReads.clear();
    }

    /** Waits (at most a minute) until no thread of the component's and its client's elastic pools is left. */
    private static void awaitElasticPoolsIdle() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(1);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(ConcurrencyProbe::inElasticPool)
               && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.err.println("elastic pools idle after " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static boolean inElasticPool(Thread t) {
        String n = t.getName();
        return n.endsWith("ProsaSttSender") || n.endsWith("ProsaSttCallback") || n.startsWith("prosa-stt-connect")
               || n.startsWith("prosa-stt-tyrus-") && !n.startsWith("prosa-stt-tyrus-timer");
    }

    static boolean overlaps(List<long[]> pauses, long from, long to) {
        for (long[] p : pauses) {
            if (p[0] < to && p[1] > from) {
                return true;
            }
        }
        return false;
    }

    /** Live threads by name, numbers left out ("Camel (camel-#) thread ### - ProsaSttSender"). */
    static Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(
                t -> t.getName().replaceAll("\\d+", "#").replace(",", ";").replace("=", ":"), Collectors.counting()));
    }

    /** Live threads by owner, from their names. */
    static Map<String, Long> threadGroups() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(t -> {
            String n = t.getName();
            if (n.startsWith("prosa-stt-shared-io")) {
                return "grizzly-io";
            }
            if (n.contains("ProsaStt") || n.startsWith("prosa-stt")) {
                return "component";
            }
            if (n.contains("Grizzly") || n.contains("Tyrus") || n.contains("tyrus") || n.contains("grizzly")) {
                return "tyrus-other";
            }
            if (n.startsWith("JFR") || n.equals("Attach Listener")) {
                return "jfr";
            }
            if (n.startsWith("Camel")) {
                return "camel";
            }
            return n.startsWith("bench") || n.startsWith("main") ? "benchmark" : "jvm";
        }, Collectors.counting()));
    }
}
