package com.camelprosa.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row 2: the peak heap of a child JVM with -Xmx64m streaming a big body ({@link HeapProbe}) against the same with a
 * 100× smaller one, fresh JVMs each time.
 */
final class HeapRow implements Row {

    @Override
    public String name() {
        return "heap";
    }

    @Override
    public Goal goal() {
        return Goal.atMost(1.2, "≤ 1.2, no OOM");
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        long big = (long) bench.settings.num("bigBytes", 1L << 30, 64L << 20);
        long small = (long) bench.settings.num("smallBytes", 10L << 20, 10L << 20);
        int runs = bench.settings.integer("heapRuns", 3, 1);
        List<Double> bigPeaks = new ArrayList<>();
        List<Double> smallPeaks = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Map<String, String> s = bench.child("heap-small-" + r, HeapProbe.class, List.of("-Xmx64m"),
                    List.of(bench.emulator.url(), Long.toString(small))).get(0);
            Map<String, String> b = bench.child("heap-big-" + r, HeapProbe.class, List.of("-Xmx64m"),
                    List.of(bench.emulator.url(), Long.toString(big))).get(0);
            statuses.add(b.get("status") + "/" + s.get("status"));
            double sp = Double.parseDouble(s.get("peak")) / 1048576;
            double bp = Double.parseDouble(b.get("peak")) / 1048576;
            smallPeaks.add(sp);
            bigPeaks.add(bp);
            ratios.add(bp / sp);
        }
        boolean ok = statuses.stream().allMatch("ok/ok"::equals);
        return List.of(new RowResult("2. peak heap, -Xmx64m, " + Stats.fmt(big / 1048576.0) + " MiB body vs "
                                     + Stats.fmt(small / 1048576.0) + " MiB, " + runs + " fresh JVM pairs",
                Stats.spread(bigPeaks) + " MiB vs " + Stats.spread(smallPeaks) + " MiB; outcomes "
                + String.join(", ", statuses), ratios, goal(), ok && goal().metBy(ratios)));
    }
}
