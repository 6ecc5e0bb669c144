package com.camelprosa.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;

/**
 * Rows 4 and 4b: from the server's last message (metadata) leaving the emulator to the exchange done, against a bare
 * client seeing it; 4b is the component with {@code continueOnIoThread=true}. For reference also the bare client's
 * close callback, the bare client plus one hand-off to a pool thread, and the bare client as a Camel async processor
 * whose callback continues the exchange on a pool ({@link BenchRoutes}). The four run one session each in turn.
 */
final class CompletionRow implements Row {

    private static final List<String> ROUTES = List.of("direct:transcribe", "bare", "direct:bare-camel",
            "direct:transcribe-io");

    @Override
    public String name() {
        return "completion";
    }

    @Override
    public Goal goal() {
        return Goal.atMost(1.1, "p99 ≤ 1.1 × bare");
    }

    /** One run's sessions: the job ids of each way, and what the bare client saw when. */
    private static final class Jobs {
        final Map<String, List<String>> byRoute = new LinkedHashMap<>();
        final Map<String, Long> bareSeen = new HashMap<>();
        final Map<String, Long> bareClosed = new HashMap<>();
        final Map<String, Long> bareHop = new HashMap<>();

        List<String> of(String route) {
            return byRoute.computeIfAbsent(route, k -> new ArrayList<>());
        }
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        int sessions = bench.settings.integer("completionSessions", 300, 40);
        int runs = bench.settings.integer("completionRuns", 3, 2);
        Figures f = new Figures();
        LatencySplit split = new LatencySplit();
        int[] slowTail = new int[2];
        ReadProbe probe = ReadProbe.install();
        try {
            for (int r = -1; r < runs; r++) { // the warm-up (r = -1) is a full run too
                bench.cleanHeaps();
                int before = bench.emulator.count();
                Jobs jobs = new Jobs();
                for (int i = 0; i < sessions; i++) {
                    for (int k = 0; k < ROUTES.size(); k++) {
                        send(bench, ROUTES.get((i + k) % ROUTES.size()), jobs); // rotate the order
                    }
                }
                if (r >= 0) {
                    measure(bench, probe, before, jobs, f, split, slowTail);
                }
            }
        } finally {
            probe.close();
        }
        bench.note("Row 4, where the time goes (all runs pooled; \"read\" = the client's socket read of the metadata"
                   + " message): " + split.note() + ". Component completions over 1 ms from the socket read: "
                   + slowTail[0] + ", of which a GC pause of the benchmark JVM overlapped " + slowTail[1] + ".");
        return List.of(RowResult.of("4. server's last message (metadata) → exchange done, " + sessions + " sessions × "
                                    + runs + " runs",
                "component p50 " + f.spread("compP50") + " ms, p99 " + f.spread("compP99") + " ms; bare client sees"
                + " the metadata p50 " + f.spread("bareP50") + " ms, p99 " + f.spread("bareP99")
                + " ms (its close callback p99 " + f.spread("closeP99") + " ms; bare + one hand-off to a pool"
                + " thread p50 " + f.spread("hopP50") + " ms, p99 " + f.spread("hopP99") + " ms, component / that "
                + f.ratioSpread("hopRatio") + "; the bare client as a Camel async processor whose callback"
                + " continues the exchange on a pool like the component's p50 " + f.spread("camelP50") + " ms, p99 "
                + f.spread("camelP99") + " ms, component / that " + f.ratioSpread("camelRatio") + ")",
                f.get("ratio"), goal()),
                RowResult.of("4b. the same with continueOnIoThread=true (the exchange continues on the I/O thread that"
                             + " read the metadata), sessions interleaved with row 4's",
                        "component p50 " + f.spread("ioP50") + " ms, p99 " + f.spread("ioP99") + " ms; bare as in row 4",
                        f.get("ioRatio"), goal()));
    }

    /** One session of a 1 s WAV file, the way {@code route} names. */
    private static void send(BenchContext bench, String route, Jobs jobs) throws Exception {
        if (route.equals("bare")) {
            BareTyrusClient.Run run = BareTyrusClient.open(bench.emulator.url(), "bare", false, BenchContext.HOP);
            BareTyrusClient.uploadChained(run, SyntheticWav.ofSeconds(1), 16000, 2).get(60, TimeUnit.SECONDS);
            run.finish();
            jobs.bareSeen.put(run.jobId(), run.metadataAt.get());
            jobs.bareClosed.put(run.jobId(), run.closedAt.get());
            jobs.bareHop.put(run.jobId(), run.metadataHopAt.get(10, TimeUnit.SECONDS));
        } else {
            Exchange out = bench.template.send(route, e -> e.getMessage().setBody(SyntheticWav.ofSeconds(1)));
            BenchContext.check(out);
            jobs.of(route).add(BenchContext.jobId(out));
        }
    }

    /** Adds one run's percentiles and ratios to {@code f}, and its latencies to the split. */
    private static void measure(BenchContext bench, ReadProbe probe, int before, Jobs jobs, Figures f,
                                LatencySplit split, int[] slowTail) throws Exception {
        Map<String, Long> sent = new HashMap<>();
        for (EmulatorControl.Session s : bench.emulator.dump(before)) {
            sent.put(s.jobId(), s.finalMessageNanos());
        }
        Map<String, Long> doneAt = bench.routes.doneAt;
        List<String> compJobs = jobs.of("direct:transcribe");
        List<Double> comp = compJobs.stream().map(j -> (doneAt.get(j) - sent.get(j)) / 1e6).toList();
        List<Double> bare = sinceSent(jobs.bareSeen, sent);
        List<Double> hop = sinceSent(jobs.bareHop, sent);
        List<Double> inCamel = jobs.of("direct:bare-camel").stream().map(j -> (doneAt.get(j) - sent.get(j)) / 1e6).toList();
        List<Double> onIo = jobs.of("direct:transcribe-io").stream().map(j -> (doneAt.get(j) - sent.get(j)) / 1e6).toList();
        f.add("compP99", Stats.percentile(comp, 99));
        f.add("compP50", Stats.percentile(comp, 50));
        f.add("bareP99", Stats.percentile(bare, 99));
        f.add("bareP50", Stats.percentile(bare, 50));
        f.add("closeP99", Stats.percentile(sinceSent(jobs.bareClosed, sent), 99));
        f.add("hopP99", Stats.percentile(hop, 99));
        f.add("hopP50", Stats.percentile(hop, 50));
        f.add("ratio", Stats.percentile(comp, 99) / Stats.percentile(bare, 99));
        f.add("hopRatio", Stats.percentile(comp, 99) / Stats.percentile(hop, 99));
        f.add("camelP50", Stats.percentile(inCamel, 50));
        f.add("camelP99", Stats.percentile(inCamel, 99));
        f.add("camelRatio", Stats.percentile(comp, 99) / Stats.percentile(inCamel, 99));
        f.add("ioP50", Stats.percentile(onIo, 50));
        f.add("ioP99", Stats.percentile(onIo, 99));
        f.add("ioRatio", Stats.percentile(onIo, 99) / Stats.percentile(bare, 99));
        readToDone(probe, doneAt, split, "continueOnIoThread", jobs.of("direct:transcribe-io"));
        readToDone(probe, doneAt, split, "bare in a Camel route", jobs.of("direct:bare-camel"));
        List<long[]> pauses = GcWatch.pauses();
        for (String j : compJobs) {
            Long read = probe.metadataReads.get(j);
            if (read != null && doneAt.get(j) - read > 1_000_000) { // a slow tail: was this JVM stopped for GC?
                slowTail[0]++;
                slowTail[1] += ConcurrencyProbe.overlaps(pauses, read, doneAt.get(j)) ? 1 : 0;
            }
            if (read != null) {
                split.add("component: emulator → socket read", (read - sent.get(j)) / 1e6);
            }
        }
        readToDone(probe, doneAt, split, "component", compJobs);
        jobs.bareSeen.forEach((j, seenAt) -> {
            Long read = probe.metadataReads.get(j);
            if (read != null) {
                split.add("bare: emulator → socket read", (read - sent.get(j)) / 1e6);
                split.add("bare: socket read → callback", (seenAt - read) / 1e6);
            }
        });
    }

    /** From the client's socket read of each job's metadata to its exchange being done. */
    private static void readToDone(ReadProbe probe, Map<String, Long> doneAt, LatencySplit split, String side,
                                   List<String> jobs) {
        for (String j : jobs) {
            Long read = probe.metadataReads.get(j);
            if (read != null) {
                split.add(side + ": socket read → exchange done", (doneAt.get(j) - read) / 1e6);
            }
        }
    }

    private static List<Double> sinceSent(Map<String, Long> at, Map<String, Long> sent) {
        return at.entrySet().stream().map(e -> (e.getValue() - sent.get(e.getKey())) / 1e6).toList();
    }
}
