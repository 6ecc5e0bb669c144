package com.camelprosa.benchmark;

import java.util.List;
import java.util.Map;

/**
 * Row 3: many concurrent real-time streams, the component alone in a child JVM ({@link ConcurrencyProbe}); the goals
 * are absolute: no failures, the pacing drift's p99 under 20 ms where the emulator received, fewer than 64 threads.
 */
final class ConcurrencyRow implements Row {

    @Override
    public String name() {
        return "concurrency";
    }

    @Override
    public Goal goal() {
        return Goal.atMost(1.0, "0 failures, p99 drift < 20 ms (ratio = p99 / 20 ms < 1), threads < 64");
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        Settings settings = bench.settings;
        int streams = settings.integer("streams", 1000, 100);
        double seconds = settings.num("streamSeconds", 30, 2);
        int runs = settings.integer("concurrencyRuns", 3, 1);
        int warmStreams = settings.integer("warmupStreams", 1000, 20);
        double warmSeconds = settings.num("warmupSeconds", 10, 1);
        List<Map<String, String>> all = bench.child("concurrency", ConcurrencyProbe.class, List.of("-Xmx1g"),
                List.of(bench.emulator.url(), Integer.toString(bench.emulator.port()), Integer.toString(streams),
                        Double.toString(seconds), Integer.toString(runs), Integer.toString(warmStreams),
                        Double.toString(warmSeconds), Boolean.toString(!settings.quick)));
        List<Map<String, String>> results = all.stream().filter(r -> !r.get("run").startsWith("-")).toList();
        List<Double> p99 = BenchContext.col(results, "driftP99");
        List<Double> p50 = BenchContext.col(results, "driftP50");
        List<Double> sendP99 = BenchContext.col(results, "sendDriftP99");
        List<Double> threads = BenchContext.col(results, "appThreads");
        List<Double> failures = BenchContext.col(results, "failures");
        List<Double> wall = BenchContext.col(results, "wallMs");
        List<Double> ratios = p99.stream().map(v -> v / 20.0).toList();
        Map<String, String> worst = results.stream().max((a, b) -> Double.compare(Double.parseDouble(a.get("appThreads")),
                Double.parseDouble(b.get("appThreads")))).orElseThrow();
        boolean ok = Stats.max(failures) == 0 && Stats.median(p99) < 20 && Stats.max(threads) < 64;
        StringBuilder gc = new StringBuilder();
        for (Map<String, String> r : results) {
            gc.append(" run ").append(r.get("run")).append(": component JVM ").append(r.get("clientGc").replace('_', ' '))
                    .append("; emulator JVM ").append(r.get("emulatorGc").replace('_', ' ')).append(" (p99 ")
                    .append(Stats.fmt(Double.parseDouble(r.get("driftP99")))).append(" ms, max ")
                    .append(Stats.fmt(Double.parseDouble(r.get("driftMax"))))
                    .append(" ms; drift at the client's socket writes, same frames: p50 ")
                    .append(Stats.fmt(Double.parseDouble(r.get("sendDriftP50")))).append(" ms, p99 ")
                    .append(Stats.fmt(Double.parseDouble(r.get("sendDriftP99")))).append(" ms over ").append(r.get("sendFrames"))
                    .append(" frames; frames later than 20 ms: ").append(r.get("late20"))
                    .append(", of which a GC pause of the component JVM overlapped the delay of ")
                    .append(r.get("lateClientGc")).append(", of the emulator JVM ")
                    .append(r.get("lateEmulatorGc")).append(", of neither ").append(r.get("lateNoGc"))
                    .append("); threads at the peak by name: ").append(r.get("names").replace('_', ' ')).append('.');
        }
        bench.note("Row 3: drift = |when the emulator received frame k − when it received frame 0 − the audio time before"
                   + " frame k|, per stream. Component JVM -Xmx1g, alone; warm-up " + warmStreams + " × "
                   + Stats.fmt(warmSeconds) + " s streams first." + gc);
        return List.of(new RowResult("3. " + streams + " concurrent real-time " + Stats.fmt(seconds) + " s streams, "
                                     + runs + " runs (wall " + Stats.spread(wall.stream().map(v -> v / 1000).toList()) + " s)",
                "failures " + Stats.spread(failures) + "; pacing drift p50 " + Stats.spread(p50) + " ms, p99 "
                + Stats.spread(p99) + " ms over " + results.get(0).get("frames") + " frames/run (at the client's socket"
                + " writes, the component's own pacing: p99 " + Stats.spread(sendP99) + " ms); live threads peak "
                + Stats.spread(threads) + " (JFR's own threads not counted; at the highest: " + worst.get("breakdown")
                + ", " + worst.get("threadsBefore") + " before the batch)", ratios, goal(), ok));
    }
}
