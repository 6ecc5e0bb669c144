package com.camelprosa.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Row 7: a recording longer than one session sent as one exchange, which the component rolls over into parts
 * ({@code maxSessionDuration}), against the same parts sent as separate exchanges one after the other, in a child JVM
 * with -Xmx64m ({@link RolloverProbe}): wall time, peak heap, bytes received. Its WAV files are written under
 * target/bench and deleted afterwards.
 */
final class RolloverRow implements Row {

    @Override
    public String name() {
        return "rollover";
    }

    @Override
    public Goal goal() {
        return Goal.atMost(1.05, "wall ≤ 1.05 × the parts sent separately; peak heap ≤ 1.2 × theirs, no OOM; bytes"
                                 + " received = audio + 44 per part");
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        Settings settings = bench.settings;
        double seconds = settings.num("rolloverSeconds", 7200, 1500);
        double maxSeconds = settings.num("rolloverMaxSeconds", 3480, 600);
        int runs = settings.integer("rolloverRuns", 9, 3);
        Path wav = RecordingFiles.mono(BenchContext.OUT.resolve("bench-rollover.wav"), seconds);
        Path partsDir = BenchContext.OUT.resolve("rollover-parts");
        long bytes = Files.size(wav);
        List<Map<String, String>> all;
        try {
            all = bench.child("rollover", RolloverProbe.class, List.of("-Xmx64m"), List.of(bench.emulator.url(),
                    Integer.toString(bench.emulator.port()), wav.toString(), Long.toString((long) (maxSeconds * 1000)),
                    Integer.toString(runs), partsDir.toString()));
        } finally {
            Files.deleteIfExists(wav);
            if (Files.isDirectory(partsDir)) {
                try (Stream<Path> parts = Files.list(partsDir)) {
                    for (Path p : parts.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(partsDir);
            }
        }
        Map<String, String> plan = all.stream().filter(r -> "-1".equals(r.get("run"))).findFirst().orElseThrow();
        List<Map<String, String>> results = all.stream().filter(r -> "ok".equals(r.get("status"))).toList();
        boolean oom = all.stream().anyMatch(r -> "OutOfMemoryError".equals(r.get("status")));
        List<Double> whole = BenchContext.col(results, "wholeMs");
        List<Double> parts = BenchContext.col(results, "partsMs");
        List<Double> wholePeak = BenchContext.col(results, "wholePeak");
        List<Double> partsPeak = BenchContext.col(results, "partsPeak");
        List<Double> ratios = new ArrayList<>();
        List<Double> heapRatios = new ArrayList<>();
        for (int i = 0; i < whole.size(); i++) {
            ratios.add(whole.get(i) / parts.get(i));
            heapRatios.add(wholePeak.get(i) / partsPeak.get(i));
        }
        int n = Integer.parseInt(plan.get("parts"));
        boolean met = !oom && results.size() == runs && goal().metBy(ratios) && Stats.median(heapRatios) <= 1.2;
        RowResult row = new RowResult("7. rollover: a " + Stats.fmt(seconds / 3600) + " h 16 kHz mono WAV file ("
                                      + Stats.fmt(bytes / 1e6) + " MB) as one exchange, maxSessionDuration="
                                      + Stats.fmt(maxSeconds / 60) + " min → " + n + " parts, vs the same " + n
                                      + " parts (WAV files written up front) as " + n + " exchanges one after the other,"
                                      + " child JVM -Xmx64m, " + runs + " runs",
                "one exchange " + Stats.spread(secs(whole)) + " s; " + n + " exchanges " + Stats.spread(secs(parts))
                + " s; peak heap " + Stats.spread(mib(wholePeak)) + " MiB vs " + Stats.spread(mib(partsPeak))
                + " MiB, ratio " + Stats.ratioSpread(heapRatios) + "; heap after a full GC once done, less before: "
                + Stats.spread(mib(BenchContext.col(results, "wholeRetained"))) + " MiB vs "
                + Stats.spread(mib(BenchContext.col(results, "partsRetained"))) + " MiB; CPU of the probe JVM "
                + cpu(results, "whole")
                + " s vs " + cpu(results, "parts") + " s, of the emulator JVM " + cpu(results, "wholeEmulator") + " s vs "
                + cpu(results, "partsEmulator") + " s; bytes the emulator received per session = the"
                + " part's audio + 44 in every run, both ways: " + plan.get("expectedBytes").replace(",", ", ")
                + (oom ? "; OutOfMemoryError" : ""),
                ratios, goal(), met);
        bench.note("Row 7: cuts (s into the audio) " + plan.get("cutsSeconds").replace(",", ", ") + ", found by the"
                   + " warm-up exchange and read from the emulator's sessions (bytes received − 44 each); each"
                   + " run sends both ways in turn (the order alternates), each after a full GC. Per session,"
                   + " first audio frame → metadata at the emulator, median over the runs per part: rollover "
                   + perPart(results, "wholePartMs") + " ms, separate exchanges " + perPart(results, "partsPartMs")
                   + " ms, of which the upload (first → last audio frame): rollover " + perPart(results, "wholeSendMs")
                   + " ms, separate exchanges " + perPart(results, "partsSendMs")
                   + " ms; between one part's metadata and the next part's first frame: rollover "
                   + perPart(results, "wholeGapMs") + " ms, separate exchanges " + perPart(results, "partsGapMs")
                   + " ms; from the start to the first audio frame at the emulator: rollover "
                   + perPart(results, "wholeLeadMs") + " ms (the cuts planned first), separate exchanges "
                   + perPart(results, "partsLeadMs") + " ms; from the last metadata to the exchange done: rollover "
                   + perPart(results, "wholeTailMs") + " ms (the parts merged), separate exchanges "
                   + perPart(results, "partsTailMs") + " ms.");
        return List.of(row);
    }

    /** "a / b / c": per part (or gap) index, the median over the runs of a comma-separated RESULT field. */
    private static String perPart(List<Map<String, String>> results, String key) {
        List<List<Double>> byIndex = new ArrayList<>();
        for (Map<String, String> r : results) {
            String[] values = r.getOrDefault(key, "").split(",");
            for (int i = 0; i < values.length && !values[i].isEmpty(); i++) {
                if (byIndex.size() <= i) {
                    byIndex.add(new ArrayList<>());
                }
                byIndex.get(i).add(Double.parseDouble(values[i]));
            }
        }
        return String.join(" / ", byIndex.stream().map(v -> Stats.spread(v)).toList());
    }

    private static String cpu(List<Map<String, String>> results, String prefix) {
        return Stats.spread(secs(BenchContext.col(results, prefix + "CpuMs")));
    }

    private static List<Double> secs(List<Double> millis) {
        return millis.stream().map(v -> v / 1000).toList();
    }

    private static List<Double> mib(List<Double> bytes) {
        return bytes.stream().map(v -> v / 1048576).toList();
    }
}
