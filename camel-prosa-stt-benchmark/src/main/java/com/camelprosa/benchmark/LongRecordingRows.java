package com.camelprosa.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import org.apache.camel.Exchange;

/**
 * Rows 7 and 8: long recordings and two speakers. Row 7, a recording longer than one session sent as one exchange
 * (rollover, {@code maxSessionDuration}) against the same parts sent as separate exchanges, in a child JVM with
 * -Xmx64m ({@link RolloverProbe}). Row 8, a stereo call with {@code splitChannels=true} against one of its channels
 * as one mono session, in the benchmark JVM. Their WAV files are written under target/bench and deleted afterwards.
 */
final class LongRecordingRows {

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final ProsaSttBenchmark bench;
    private final ProsaSttBenchmark.Settings settings;

    LongRecordingRows(ProsaSttBenchmark bench) {
        this.bench = bench;
        this.settings = bench.settings;
    }

    /** Row 7: rollover vs the same parts as separate exchanges; wall time, peak heap at -Xmx64m, bytes received. */
    void rollover() throws Exception {
        double seconds = settings.num("rolloverSeconds", 7200, 1500);
        double maxSeconds = settings.num("rolloverMaxSeconds", 3480, 600);
        int runs = settings.integer("rolloverRuns", 9, 3);
        Path wav = RecordingFiles.mono(ProsaSttBenchmark.OUT.resolve("bench-rollover.wav"), seconds);
        Path partsDir = ProsaSttBenchmark.OUT.resolve("rollover-parts");
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
        List<Double> whole = ProsaSttBenchmark.col(results, "wholeMs");
        List<Double> parts = ProsaSttBenchmark.col(results, "partsMs");
        List<Double> wholePeak = ProsaSttBenchmark.col(results, "wholePeak");
        List<Double> partsPeak = ProsaSttBenchmark.col(results, "partsPeak");
        List<Double> ratios = new ArrayList<>();
        List<Double> heapRatios = new ArrayList<>();
        for (int i = 0; i < whole.size(); i++) {
            ratios.add(whole.get(i) / parts.get(i));
            heapRatios.add(wholePeak.get(i) / partsPeak.get(i));
        }
        int n = Integer.parseInt(plan.get("parts"));
        boolean met = !oom && results.size() == runs && Stats.median(ratios) <= 1.05 && Stats.median(heapRatios) <= 1.2;
        bench.row("7. rollover: a " + Stats.fmt(seconds / 3600) + " h 16 kHz mono WAV file (" + Stats.fmt(bytes / 1e6)
                  + " MB) as one exchange, maxSessionDuration=" + Stats.fmt(maxSeconds / 60) + " min → " + n
                  + " parts, vs the same " + n + " parts (WAV files written up front) as " + n + " exchanges one after the"
                  + " other, child JVM -Xmx64m, " + runs + " runs",
                "one exchange " + Stats.spread(secs(whole)) + " s; " + n + " exchanges " + Stats.spread(secs(parts))
                + " s; peak heap " + Stats.spread(mib(wholePeak)) + " MiB vs " + Stats.spread(mib(partsPeak))
                + " MiB, ratio " + Stats.ratioSpread(heapRatios) + "; heap after a full GC once done, less before: "
                + Stats.spread(mib(ProsaSttBenchmark.col(results, "wholeRetained"))) + " MiB vs "
                + Stats.spread(mib(ProsaSttBenchmark.col(results, "partsRetained"))) + " MiB; CPU of the probe JVM " + cpu(results, "whole")
                + " s vs " + cpu(results, "parts") + " s, of the emulator JVM " + cpu(results, "wholeEmulator") + " s vs "
                + cpu(results, "partsEmulator") + " s; bytes the emulator received per session = the"
                + " part's audio + 44 in every run, both ways: " + plan.get("expectedBytes").replace(",", ", ")
                + (oom ? "; OutOfMemoryError" : ""),
                ratios, "wall ≤ 1.05 × the parts sent separately; peak heap ≤ 1.2 × theirs, no OOM; bytes received ="
                        + " audio + 44 per part", met, "above", 1.05);
        bench.notes.add("Row 7: cuts (s into the audio) " + plan.get("cutsSeconds").replace(",", ", ") + ", found by the"
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
    }

    /** Row 8: a stereo WAV as two mono sessions at once (splitChannels) vs one mono session of one channel. */
    void channels() throws Exception {
        double seconds = settings.num("channelSeconds", 600, 120);
        int runs = settings.integer("channelRuns", 15, 5);
        int warmups = settings.integer("channelWarmups", 3, 1);
        Path stereo = RecordingFiles.stereo(ProsaSttBenchmark.OUT.resolve("bench-stereo.wav"), seconds);
        Path mono = RecordingFiles.channel(stereo, 0, ProsaSttBenchmark.OUT.resolve("bench-stereo-agent.wav"));
        long monoBytes = Files.size(mono);
        long stereoBytes = Files.size(stereo);
        String endpoint = "prosa-stt:general?url=" + bench.emulator.url() + "&apiKey=RAW(" + ProsaSttBenchmark.KEY
                          + ")&responseTimeout=120000";
        String split = endpoint + "&splitChannels=true&channelNames=agent,customer";
        List<Double> splitMs = new ArrayList<>();
        List<Double> monoMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> channelEndsApart = new ArrayList<>();
        Map<String, List<Double>> cpu = new java.util.LinkedHashMap<>();
        for (String k : List.of("split", "mono", "splitEmulator", "monoEmulator")) {
            cpu.put(k, new ArrayList<>());
        }
        try {
            for (int r = -warmups; r < runs; r++) {
                double s = 0;
                double m = 0;
                for (int k = 0; k < 2; k++) {
                    long ownCpu = CPU.getProcessCpuTime();
                    long emulatorCpu = bench.emulator.cpuNanos();
                    String way = (r + k) % 2 == 0 ? "split" : "mono";
                    if (way.equals("split")) {
                        List<EmulatorControl.Session> sessions = new ArrayList<>();
                        s = send(split, stereo, sessions);
                        check("splitChannels", sessions, 2, monoBytes);
                        if (r >= 0) {
                            channelEndsApart.add(Math.abs(sessions.get(0).finalMessageNanos()
                                                          - sessions.get(1).finalMessageNanos()) / 1e6);
                        }
                    } else {
                        List<EmulatorControl.Session> sessions = new ArrayList<>();
                        m = send(endpoint, mono, sessions);
                        check("one channel", sessions, 1, monoBytes);
                    }
                    if (r >= 0) {
                        cpu.get(way).add((CPU.getProcessCpuTime() - ownCpu) / 1e6);
                        cpu.get(way + "Emulator").add((bench.emulator.cpuNanos() - emulatorCpu) / 1e6);
                    }
                }
                if (r >= 0) {
                    splitMs.add(s);
                    monoMs.add(m);
                    ratios.add(s / m);
                }
            }
        } finally {
            Files.deleteIfExists(stereo);
            Files.deleteIfExists(mono);
        }
        bench.row("8. splitChannels=true: a " + Stats.fmt(seconds / 60) + " min 16 kHz stereo WAV file ("
                  + Stats.fmt(stereoBytes / 1e6) + " MB) as two mono sessions at once, vs one mono session of its"
                  + " channel 0 (" + Stats.fmt(monoBytes / 1e6) + " MB), " + runs + " runs",
                "two channels " + Stats.spread(splitMs) + " ms; one channel " + Stats.spread(monoMs)
                + " ms; the two channels' metadata " + Stats.spread(channelEndsApart) + " ms apart; CPU of the benchmark"
                + " JVM " + Stats.spread(cpu.get("split")) + " ms vs " + Stats.spread(cpu.get("mono"))
                + " ms, of the emulator JVM " + Stats.spread(cpu.get("splitEmulator")) + " ms vs "
                + Stats.spread(cpu.get("monoEmulator")) + " ms; bytes the emulator"
                + " received per session = " + monoBytes + " (the channel's audio + 44) in every run",
                ratios, "≤ 1.2 × one channel", Stats.median(ratios) <= 1.2, "above", 1.2);
        bench.notes.add("Row 8: benchmark JVM, " + warmups + " warm-up run(s) left out; each run sends both in turn (the"
                        + " order alternates). The stereo file is a dialogue (channel 0 and channel 1 speak 1 s in"
                        + " turn); the mono file is its channel 0, extracted.");
    }

    /** Sends a file as one exchange; the wall time in ms, and the emulator's sessions of it into {@code sessions}. */
    private double send(String uri, Path file, List<EmulatorControl.Session> sessions) throws Exception {
        int before = bench.emulator.count();
        long t = System.nanoTime();
        Exchange out = bench.template.send(uri, e -> e.getMessage().setBody(file.toFile()));
        double millis = (System.nanoTime() - t) / 1e6;
        if (out.getException() != null) {
            throw new IllegalStateException("row 8's exchange failed", out.getException());
        }
        List<?> jobIds = out.getMessage().getHeader(ProsaSttConstants.JOB_IDS, List.class);
        sessions.addAll(bench.emulator.dumpDone(before));
        if (jobIds == null || jobIds.size() != sessions.size()) {
            throw new IllegalStateException("job ids " + jobIds + " for " + sessions.size() + " sessions");
        }
        return millis;
    }

    private static void check(String how, List<EmulatorControl.Session> sessions, int count, long bytes) {
        List<Long> got = sessions.stream().map(EmulatorControl.Session::receivedBytes).toList();
        if (got.size() != count || got.stream().anyMatch(b -> b != bytes)) {
            throw new IllegalStateException(how + ": the emulator received " + got + " bytes per session, expected "
                                            + count + " × " + bytes);
        }
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
        return Stats.spread(secs(ProsaSttBenchmark.col(results, prefix + "CpuMs")));
    }

    private static List<Double> secs(List<Double> millis) {
        return millis.stream().map(v -> v / 1000).toList();
    }

    private static List<Double> mib(List<Double> bytes) {
        return bytes.stream().map(v -> v / 1048576).toList();
    }
}
