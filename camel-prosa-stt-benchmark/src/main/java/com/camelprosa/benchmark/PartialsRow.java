package com.camelprosa.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.camelprosa.prosastt.client.ProsaSttClient;
import org.apache.camel.Exchange;

/**
 * Rows 5 and 5b: live captions. Sessions send in real time in 100 ms chunks with partials on; from a partial leaving
 * the emulator to the route of eventUri seeing it, against a bare Tyrus client's message callback, both sides at once;
 * 5b is the component with {@code continueOnIoThread=true}, as many sessions again at the same time.
 */
final class PartialsRow implements Row {

    private static final int LIVE_CHUNK = BenchRoutes.LIVE_CHUNK;

    @Override
    public String name() {
        return "partials";
    }

    @Override
    public Goal goal() {
        return Goal.atMost(1.5, "p99 ≤ 1.5 × bare");
    }

    /** One run's latencies (ms), from each partial leaving the emulator, by who saw it. */
    private static final class Latencies {
        final List<Double> comp = new ArrayList<>();
        final List<Double> io = new ArrayList<>();
        final List<Double> bare = new ArrayList<>();
        final List<Double> hop = new ArrayList<>();
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        int sessions = bench.settings.integer("partialSessions", 30, 5);
        double seconds = bench.settings.num("partialSeconds", 30, 2);
        int runs = bench.settings.integer("partialRuns", 3, 1);
        Figures f = new Figures();
        // The bare sessions pace on as many timer threads as the component's client does.
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(ProsaSttClient.TIMER_THREADS, r -> {
            Thread t = new Thread(r, "bench-bare-timer");
            t.setDaemon(true);
            return t;
        });
        ExecutorService connects = Executors.newFixedThreadPool(8);
        StringBuilder gc = new StringBuilder();
        ReadProbe probe = ReadProbe.install();
        LatencySplit split = new LatencySplit();
        try {
            warmUp(bench, sessions);
            bench.routes.partialsAt.clear();
            for (int r = -1; r < runs; r++) {
                double s = r < 0 ? Math.min(3, seconds) : seconds;
                Latencies l = new Latencies();
                bench.cleanHeaps();
                GcWatch.reset();
                bench.emulator.gcReset();
                livePartials(bench, probe, sessions, s, timer, connects, l, r < 0 ? new LatencySplit() : split);
                if (r < 0) {
                    continue;
                }
                f.add("compP99", Stats.percentile(l.comp, 99));
                f.add("compP50", Stats.percentile(l.comp, 50));
                f.add("bareP99", Stats.percentile(l.bare, 99));
                f.add("bareP50", Stats.percentile(l.bare, 50));
                f.add("count", l.comp.size());
                f.add("ratio", Stats.percentile(l.comp, 99) / Stats.percentile(l.bare, 99));
                f.add("hopP99", Stats.percentile(l.hop, 99));
                f.add("hopP50", Stats.percentile(l.hop, 50));
                f.add("hopRatio", Stats.percentile(l.comp, 99) / Stats.percentile(l.hop, 99));
                f.add("ioP99", Stats.percentile(l.io, 99));
                f.add("ioP50", Stats.percentile(l.io, 50));
                f.add("ioRatio", Stats.percentile(l.io, 99) / Stats.percentile(l.bare, 99));
                gc.append(" run ").append(r).append(": benchmark JVM ").append(GcWatch.summary()).append(", emulator JVM ")
                        .append(bench.emulator.gcStats()).append('.');
            }
        } finally {
            probe.close();
            timer.shutdownNow();
            connects.shutdownNow();
        }
        bench.note("Row 5, where the time goes (all runs pooled; \"read\" = the client's socket read of the message on"
                   + " the shared Grizzly transport, noted by a connection probe): " + split.note() + ". GC:" + gc);
        return List.of(RowResult.of("5. partial leaves the emulator → route sees it (eventUri), " + sessions
                                    + " component + " + sessions + " bare (+ " + sessions + " of row 5b) concurrent real-time "
                                    + Stats.fmt(seconds) + " s sessions, 100 ms chunks, " + runs + " runs",
                "component p50 " + f.spread("compP50") + " ms, p99 " + f.spread("compP99") + " ms over "
                + f.spread("count") + " partials/run; bare client p50 " + f.spread("bareP50") + " ms, p99 "
                + f.spread("bareP99") + " ms (bare + one hand-off to a pool thread p50 " + f.spread("hopP50")
                + " ms, p99 " + f.spread("hopP99") + " ms, component / that " + f.ratioSpread("hopRatio") + ")",
                f.get("ratio"), goal()),
                RowResult.of("5b. the same with continueOnIoThread=true (events sent to the route on the I/O thread that"
                             + " read them), " + sessions + " more sessions at the same time as row 5's",
                        "component p50 " + f.spread("ioP50") + " ms, p99 " + f.spread("ioP99") + " ms; bare as in row 5",
                        f.get("ioRatio"), goal()));
    }

    /** JIT warm-up: thousands of partials through both paths, audio sent as fast as the emulator reads it. */
    private static void warmUp(BenchContext bench, int sessions) throws Exception {
        for (int w = 0; w < (bench.settings.quick ? 1 : 3); w++) {
            List<CompletableFuture<Exchange>> fast = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                fast.add(bench.template.asyncSend("direct:live-fast", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(30))));
                fast.add(bench.template.asyncSend("direct:live-fast-io",
                        e -> e.getMessage().setBody(SyntheticWav.ofSeconds(30))));
                BareTyrusClient.Run run = BareTyrusClient.open(bench.emulator.url(), "bare-warm", true, BenchContext.HOP);
                BareTyrusClient.uploadChained(run, SyntheticWav.ofSeconds(30), LIVE_CHUNK, 2).get(60, TimeUnit.SECONDS);
                run.finish();
            }
            for (CompletableFuture<Exchange> f : fast) {
                BenchContext.check(f.get(5, TimeUnit.MINUTES));
            }
        }
    }

    /**
     * Runs {@code sessions} component sessions and as many bare ones at the same time, started alternately and spread
     * over the 100 ms chunk period, so that both sides meet the same machine (other processes, GC of this JVM and the
     * emulator's) and the ratio does not depend on which side ran in a quieter minute.
     */
    private static void livePartials(BenchContext bench, ReadProbe probe, int sessions, double seconds,
                                     ScheduledExecutorService timer, ExecutorService connects, Latencies l,
                                     LatencySplit split) throws Exception {
        EmulatorControl emulator = bench.emulator;
        int before = emulator.count();
        bench.routes.partialsAt.clear();
        List<CompletableFuture<Exchange>> components = new ArrayList<>();
        List<CompletableFuture<Exchange>> onIo = new ArrayList<>();
        List<CompletableFuture<BareTyrusClient.Run>> bares = new ArrayList<>();
        long stagger = 100_000_000L / (3 * sessions); // three starts per step: 3 × sessions starts over 100 ms
        for (int i = 0; i < sessions; i++) {
            components.add(bench.template.asyncSend("direct:live", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(seconds))));
            TimeUnit.NANOSECONDS.sleep(stagger);
            onIo.add(bench.template.asyncSend("direct:live-io", e -> e.getMessage().setBody(SyntheticWav.ofSeconds(seconds))));
            TimeUnit.NANOSECONDS.sleep(stagger);
            bares.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return BareTyrusClient.open(emulator.url(), "bare-live", true, BenchContext.HOP);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, connects).thenCompose(run -> BareTyrusClient.uploadPaced(run, SyntheticWav.ofSeconds(seconds), LIVE_CHUNK,
                    SyntheticWav.BYTES_PER_SECOND, timer).thenCompose(v -> run.metadataAt).thenApply(v -> run)));
            TimeUnit.NANOSECONDS.sleep(stagger);
        }
        for (CompletableFuture<Exchange> f : components) {
            BenchContext.check(f.get(5, TimeUnit.MINUTES));
        }
        Set<String> ioJobs = new HashSet<>();
        for (CompletableFuture<Exchange> f : onIo) {
            Exchange out = f.get(5, TimeUnit.MINUTES);
            BenchContext.check(out);
            ioJobs.add(BenchContext.jobId(out));
        }
        Map<String, BareTyrusClient.Run> bareRuns = new HashMap<>();
        for (CompletableFuture<BareTyrusClient.Run> f : bares) {
            BareTyrusClient.Run run = f.get(5, TimeUnit.MINUTES).finish();
            bareRuns.put(run.jobId(), run);
        }
        for (EmulatorControl.Session s : emulator.dump(before)) {
            long[] sent = s.partialNanos();
            BareTyrusClient.Run run = bareRuns.get(s.jobId());
            List<Long> seen = run != null ? run.partialsAt : bench.routes.partialsAt.getOrDefault(s.jobId(), List.of());
            if (seen.size() != sent.length) {
                throw new IllegalStateException((run != null ? "bare" : "component") + " job " + s.jobId() + ": "
                                                + sent.length + " partials sent, " + seen.size() + " seen");
            }
            for (int p = 0; p < sent.length; p++) {
                (run != null ? l.bare : ioJobs.contains(s.jobId()) ? l.io : l.comp).add((seen.get(p) - sent[p]) / 1e6);
                if (run != null && run.partialsHopAt.get(p) != null) {
                    l.hop.add((run.partialsHopAt.get(p) - sent[p]) / 1e6);
                }
            }
            String side = run != null ? "bare" : ioJobs.contains(s.jobId()) ? "continueOnIoThread" : "component";
            List<Long> reads = probe.partialReads.getOrDefault(s.jobId(), List.of());
            if (reads.size() == sent.length) { // else a message split over two reads: leave the session out of the split
                for (int p = 0; p < sent.length; p++) {
                    split.add(side + ": emulator → socket read", (reads.get(p) - sent[p]) / 1e6);
                    split.add(side + ": socket read → " + (side.equals("bare") ? "callback" : "route"),
                            (seen.get(p) - reads.get(p)) / 1e6);
                }
            }
        }
    }
}
