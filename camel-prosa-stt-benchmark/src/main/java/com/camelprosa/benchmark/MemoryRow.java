package com.camelprosa.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row 6: the heap retained per open real-time session, the component against bare Tyrus sessions with the same
 * pacing and one chunk buffer each, one child JVM per side ({@link MemoryProbe}).
 */
final class MemoryRow implements Row {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Goal goal() {
        return Goal.atMost(1.1, "≤ 1.1 × bare (see below)");
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        int sessions = bench.settings.integer("memorySessions", 1000, 60);
        double seconds = bench.settings.num("memorySeconds", 12, 2.5);
        int runs = bench.settings.integer("memoryRuns", 3, 1);
        Map<String, List<Map<String, String>>> sides = new LinkedHashMap<>();
        for (String side : List.of("component", "bare")) {
            sides.put(side, bench.child("memory-" + side, MemoryProbe.class, List.of("-Xmx1g"),
                    List.of(bench.emulator.url(), Integer.toString(bench.emulator.port()), Integer.toString(sessions),
                            Double.toString(seconds), Integer.toString(runs), side)));
        }
        List<Double> comp = BenchContext.col(sides.get("component"), "bytes");
        List<Double> bare = BenchContext.col(sides.get("bare"), "bytes");
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < comp.size(); i++) {
            ratios.add(comp.get(i) / bare.get(i));
        }
        sides.forEach((side, results) -> results.stream().filter(r -> r.containsKey("histo")).findFirst()
                .ifPresent(r -> bench.note("Row 6, what grew per open " + side + " session, first run (class: bytes:"
                                           + " instances, from class histograms): " + r.get("histo").replace(";", "; "))));
        bench.note("Row 6: one child JVM per side (-Xmx1g), each with the Camel context started (so the same shared"
                   + " transport), two warm-up batches, then per run: heap after full GCs with none open, then with "
                   + sessions + " real-time " + Stats.fmt(seconds) + " s sessions open and sending (1 s after the"
                   + " emulator saw them all open).");
        return List.of(RowResult.of("6. heap retained per open real-time session, " + sessions + " open vs none, "
                                    + runs + " runs",
                "component " + Stats.spread(comp.stream().map(v -> v / 1000).toList()) + " kB/session; bare Tyrus"
                + " session, same chunk in flight, " + Stats.spread(bare.stream().map(v -> v / 1000).toList())
                + " kB/session", ratios, goal()));
    }
}
