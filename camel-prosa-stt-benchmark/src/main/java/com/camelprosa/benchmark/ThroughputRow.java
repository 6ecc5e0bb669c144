package com.camelprosa.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Row 1: a long WAV file through the component's route against three bare Tyrus loops, interleaved round by round;
 * each round's ratio is against the bare loop with the best median over all rounds.
 */
final class ThroughputRow implements Row {

    @Override
    public String name() {
        return "throughput";
    }

    @Override
    public Goal goal() {
        return Goal.atLeast(0.99, "≥ 0.99 × the best bare loop");
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        Settings settings = bench.settings;
        double seconds = settings.num("audioSeconds", 3600, 120);
        int rounds = settings.integer("throughputRuns", 21, 2);
        int warmups = settings.integer("throughputWarmups", 2, 1);
        Path wav = BenchContext.OUT.resolve("bench-" + (long) seconds + "s.wav");
        try (var in = SyntheticWav.ofSeconds(seconds)) {
            Files.copy(in, wav, StandardCopyOption.REPLACE_EXISTING);
        }
        long bytes = Files.size(wav);
        Map<String, Function<Path, Long>> variants = new LinkedHashMap<>();
        variants.put("component", p -> FileSends.component(bench, p));
        variants.put("bare chained, 2 in flight", p -> FileSends.bare(bench, p, "chained"));
        variants.put("bare window, 2 in flight", p -> FileSends.bare(bench, p, "window"));
        variants.put("bare blocking, 1 in flight", p -> FileSends.bare(bench, p, "blocking"));
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<Double>> mbs = new LinkedHashMap<>();
        names.forEach(n -> mbs.put(n, new ArrayList<>()));
        // CPU of this JVM (the client side only) per MB sent: the client's work, whoever the scheduler favoured.
        Map<String, List<Double>> cpuPerMb = new LinkedHashMap<>();
        names.forEach(n -> cpuPerMb.put(n, new ArrayList<>()));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String gc = "";
        EmulatorControl emulator = bench.emulator;
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
                        bench.window("throughput-" + name.replaceAll(",.*", "").replace(' ', '-'), from);
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
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ratios.add(mbs.get("component").get(i) / mbs.get(best).get(i));
            cpuRatios.add(cpuPerMb.get("component").get(i) / cpuPerMb.get(best).get(i));
        }
        StringBuilder measured = new StringBuilder();
        for (String n : names) {
            measured.append(measured.length() == 0 ? "" : "; ").append(n).append(' ').append(Stats.spread(mbs.get(n)))
                    .append(" MB/s");
        }
        measured.append("; ratio of the medians, component / ").append(best).append(' ')
                .append(Stats.ratio(Stats.median(mbs.get("component")) / Stats.median(mbs.get(best))));
        measured.append("; the client JVM's CPU per MB sent: component ").append(Stats.spread(cpuPerMb.get("component")))
                .append(" ms, ").append(best).append(' ').append(Stats.spread(cpuPerMb.get(best)))
                .append(" ms, component / that ").append(Stats.ratioSpread(cpuRatios));
        bench.note("Row 1: each round runs the four in a rotated order; the ratio of each round is the component / the"
                   + " bare loop with the best median (" + best + ") in that round. "
                   + (pinning.pinned() ? "The benchmark JVM (component and bare loops) ran on core 0, the emulator JVM on"
                      + " core 1 (taskset), restored afterwards. " : "Not pinned to cores (no taskset or one core). ")
                   + "Last round's GC: " + gc + ".");
        return List.of(RowResult.of("1. throughput, " + Stats.fmt(seconds / 3600) + " h 16 kHz mono WAV file ("
                                    + Stats.fmt(bytes / 1e6) + " MB), " + rounds + " rounds", measured.toString(), ratios,
                goal().against(best)));
    }
}
