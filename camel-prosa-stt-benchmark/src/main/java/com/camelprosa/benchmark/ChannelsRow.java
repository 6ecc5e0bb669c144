package com.camelprosa.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import org.apache.camel.Exchange;

/**
 * Row 8: a stereo call with {@code splitChannels=true} (two mono sessions at once) against one of its channels as one
 * mono session, in the benchmark JVM. Its WAV files are written under target/bench and deleted afterwards.
 */
final class ChannelsRow implements Row {

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Override
    public String name() {
        return "channels";
    }

    @Override
    public Goal goal() {
        return Goal.atMost(1.2, "≤ 1.2 × one channel");
    }

    @Override
    public List<RowResult> run(BenchContext bench) throws Exception {
        Settings settings = bench.settings;
        double seconds = settings.num("channelSeconds", 600, 120);
        int runs = settings.integer("channelRuns", 15, 5);
        int warmups = settings.integer("channelWarmups", 3, 1);
        Path stereo = RecordingFiles.stereo(BenchContext.OUT.resolve("bench-stereo.wav"), seconds);
        Path mono = RecordingFiles.channel(stereo, 0, BenchContext.OUT.resolve("bench-stereo-agent.wav"));
        long monoBytes = Files.size(mono);
        long stereoBytes = Files.size(stereo);
        String endpoint = BenchContext.endpoint(bench.emulator.url());
        String split = endpoint + "&splitChannels=true&channelNames=agent,customer";
        List<Double> splitMs = new ArrayList<>();
        List<Double> monoMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> channelEndsApart = new ArrayList<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
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
                        s = send(bench, split, stereo, sessions);
                        check("splitChannels", sessions, 2, monoBytes);
                        if (r >= 0) {
                            channelEndsApart.add(Math.abs(sessions.get(0).finalMessageNanos()
                                                          - sessions.get(1).finalMessageNanos()) / 1e6);
                        }
                    } else {
                        List<EmulatorControl.Session> sessions = new ArrayList<>();
                        m = send(bench, endpoint, mono, sessions);
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
        RowResult row = RowResult.of("8. splitChannels=true: a " + Stats.fmt(seconds / 60) + " min 16 kHz stereo WAV"
                                     + " file (" + Stats.fmt(stereoBytes / 1e6) + " MB) as two mono sessions at once, vs"
                                     + " one mono session of its channel 0 (" + Stats.fmt(monoBytes / 1e6) + " MB), "
                                     + runs + " runs",
                "two channels " + Stats.spread(splitMs) + " ms; one channel " + Stats.spread(monoMs)
                + " ms; the two channels' metadata " + Stats.spread(channelEndsApart) + " ms apart; CPU of the benchmark"
                + " JVM " + Stats.spread(cpu.get("split")) + " ms vs " + Stats.spread(cpu.get("mono"))
                + " ms, of the emulator JVM " + Stats.spread(cpu.get("splitEmulator")) + " ms vs "
                + Stats.spread(cpu.get("monoEmulator")) + " ms; bytes the emulator"
                + " received per session = " + monoBytes + " (the channel's audio + 44) in every run",
                ratios, goal());
        bench.note("Row 8: benchmark JVM, " + warmups + " warm-up run(s) left out; each run sends both in turn (the"
                   + " order alternates). The stereo file is a dialogue (channel 0 and channel 1 speak 1 s in"
                   + " turn); the mono file is its channel 0, extracted.");
        return List.of(row);
    }

    /** Sends a file as one exchange; the wall time in ms, and the emulator's sessions of it into {@code sessions}. */
    private static double send(BenchContext bench, String uri, Path file, List<EmulatorControl.Session> sessions)
            throws Exception {
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
}
