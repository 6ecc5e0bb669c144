package com.camelprosa.benchmark;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.ObjectName;

import com.camelprosa.prosastt.client.ProsaSttClient;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;

/**
 * Child JVM of the benchmark (row 6): heap retained per open real-time session. With N sessions open and sending,
 * the heap after a full GC minus the heap after a full GC with none open, divided by N. One side per JVM: the
 * component, or bare Tyrus sessions (same pacing, one chunk buffer each, on the same shared transport, which the
 * Camel context started in both). Prints one {@code RESULT} line per run and, for the first, the classes that grew
 * most (class histograms before and while open). Args: url controlPort sessions seconds runs component|bare.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int port = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int runs = Integer.parseInt(args[4]);
        String side = args[5];
        byte[] audio = SyntheticWav.ofSeconds(seconds).readAllBytes();
        // The bare sessions pace on as many timer threads as the component's client does.
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(ProsaSttClient.TIMER_THREADS, r -> {
            Thread t = new Thread(r, "bench-bare-timer");
            t.setDaemon(true);
            return t;
        });
        ExecutorService connects = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "bench-bare-connect");
            t.setDaemon(true);
            return t;
        });
        try (EmulatorControl emulator = EmulatorControl.connect(url, port);
             CamelContext camel = new DefaultCamelContext()) {
            camel.setStreamCaching(false);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:realtime").to(BenchContext.endpoint(url) + "&realtime=true");
                }
            });
            camel.start(); // starts Tyrus' shared transport with the component's pool: the bare sessions use it too
            AsyncProcessor route = AsyncProcessorConverterHelper.convert(camel.getEndpoint("direct:realtime").createProducer());
            byte[] warm = SyntheticWav.ofSeconds(1).readAllBytes();
            boolean component = side.equals("component");
            for (int w = 0; w < (sessions > 200 ? 2 : 1); w++) { // warm-up
                CountDownLatch d = component ? component(camel, route, warm, Math.min(100, sessions), emulator, null)
                        : bare(url, warm, Math.min(100, sessions), emulator, timer, connects, null);
                d.await(60, TimeUnit.SECONDS);
            }
            for (int r = 0; r < runs; r++) {
                long[] heap = new long[1];
                // Sessions that just ended may still be closing: wait until the emulator saw them all go.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (emulator.open() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(1000);
                long h0 = Math.min(settledHeap(), settledHeapAfter(1000));
                Map<String, long[]> before = r == 0 ? histogram() : null;
                Map<String, long[]> open = new HashMap<>();
                Runnable measure = () -> {
                    heap[0] = settledHeap();
                    if (before != null) {
                        open.putAll(histogram());
                    }
                };
                CountDownLatch done = component ? component(camel, route, audio, sessions, emulator, measure)
                        : bare(url, audio, sessions, emulator, timer, connects, measure);
                if (!done.await((long) (seconds * 3 + 60), TimeUnit.SECONDS)) {
                    throw new IllegalStateException(side + " sessions did not end");
                }
                System.out.println("RESULT run=" + r + " side=" + side + " bytes=" + (heap[0] - h0) / sessions
                                   + " idleHeap=" + h0);
                if (before != null) {
                    System.out.println("HISTO " + growth(before, open, sessions));
                }
                System.out.flush();
            }
        }
        System.exit(0);
    }

    /** Starts the sessions; runs {@code whileOpen} once all are open and sending; the latch counts them done. */
    private static CountDownLatch component(CamelContext camel, AsyncProcessor route, byte[] audio, int n,
                                            EmulatorControl emulator, Runnable whileOpen) throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger failed = new AtomicInteger();
        int openBefore = emulator.open();
        for (int i = 0; i < n; i++) {
            Exchange e = new DefaultExchange(camel);
            e.getMessage().setBody(audio);
            route.process(e, sync -> {
                if (e.getException() != null) {
                    failed.incrementAndGet();
                    System.err.println("failed: " + e.getException().getMessage());
                }
                done.countDown();
            });
        }
        whenOpen(emulator, openBefore + n, whileOpen);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " component sessions failed");
        }
        return done;
    }

    private static CountDownLatch bare(String url, byte[] audio, int n, EmulatorControl emulator,
                                       ScheduledExecutorService timer, ExecutorService connects, Runnable whileOpen)
            throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        int openBefore = emulator.open();
        for (int i = 0; i < n; i++) {
            CompletableFuture.supplyAsync(() -> {
                try {
                    return BareTyrusClient.open(url, "bare-mem", false);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, connects).thenCompose(run -> BareTyrusClient.uploadPaced(run, new ByteArrayInputStream(audio), 16000,
                    SyntheticWav.BYTES_PER_SECOND, timer).thenCompose(v -> run.metadataAt)).whenComplete((v, e) -> {
                        if (e != null) {
                            System.err.println("bare failed: " + e);
                        }
                        done.countDown();
                    });
        }
        whenOpen(emulator, openBefore + n, whileOpen);
        return done;
    }

    /** Waits until the emulator has {@code target} sessions open, then a second more for all to be sending. */
    private static void whenOpen(EmulatorControl emulator, int target, Runnable action) throws Exception {
        if (action == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emulator.open() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + emulator.open() + " of " + target + " sessions opened");
            }
            Thread.sleep(20);
        }
        Thread.sleep(1000);
        if (emulator.open() < target) {
            throw new IllegalStateException("sessions ended before the heap was measured: make them longer");
        }
        action.run();
    }

    /**
     * Heap occupied right after a full collection (the pools' collection usage: what was live then), the least of
     * three. Not the heap's current use: the sending threads' fresh allocation buffers would count in that.
     */
    static long settledHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            long live = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                    .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
            least = Math.min(least, live);
        }
        return least;
    }

    private static long settledHeapAfter(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return settledHeap();
    }

    /** Class name → {instances, bytes}, from a class histogram of live objects. */
    private static Map<String, long[]> histogram() {
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] { new String[0] }, new String[] { String[].class.getName() });
            Map<String, long[]> classes = new HashMap<>();
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    classes.put(f[3], new long[] { Long.parseLong(f[1]), Long.parseLong(f[2]) });
                }
            }
            return classes;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** The classes that grew most, per session: "name:bytes/session:instances/session;...". */
    private static String growth(Map<String, long[]> before, Map<String, long[]> open, int sessions) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : open.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            grown.add(Map.entry(e.getKey(), new long[] { e.getValue()[0] - b[0], e.getValue()[1] - b[1] }));
        }
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(12, grown.size()))) {
            s.append(e.getKey()).append(':').append(e.getValue()[1] / sessions).append(':')
                    .append(Stats.fmt(e.getValue()[0] / (double) sessions)).append(';');
        }
        return s.toString();
    }
}
