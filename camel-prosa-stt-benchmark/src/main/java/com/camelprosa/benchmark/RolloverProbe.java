package com.camelprosa.benchmark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Child JVM of the benchmark (row 7, run with -Xmx64m): a long mono WAV file sent as one exchange, which the component
 * rolls over into parts, against the same parts sent as separate exchanges one after the other. A first rollover
 * exchange (a warm-up) gives the parts: the bytes each of its sessions received at the emulator, each written up front
 * as a WAV file of its own. Then, in each run, both ways in turn (the order alternates), each after a full GC, timed,
 * with the peak heap seen meanwhile, and the bytes the emulator received checked against each part + 44 (its header).
 * Prints {@code RESULT} lines. Args: url controlPort wav maxSessionMillis runs partsDir.
 */
public final class RolloverProbe {

    private final EmulatorControl emulator;
    private final ProducerTemplate template;
    private final String endpoint;
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final AtomicLong peak = new AtomicLong();

    private RolloverProbe(EmulatorControl emulator, ProducerTemplate template, String endpoint) {
        this.emulator = emulator;
        this.template = template;
        this.endpoint = endpoint;
    }

    /**
     * One way of sending, timed: wall time, peak heap, the heap after a full GC once done less the heap after the full
     * GC before, CPU of both JVMs (ms), per session what the emulator saw.
     */
    private record Timed(long startNanos, long endNanos, long peakBytes, long retainedBytes, double cpuMs,
                         double emulatorCpuMs, List<EmulatorControl.Session> sessions) {

        double millis() {
            return (endNanos - startNanos) / 1e6;
        }

        /** From the start to the first session's first audio frame at the emulator (one clock: see clockCheck). */
        double leadMillis() {
            return (sessions.get(0).frameNanos()[0] - startNanos) / 1e6;
        }

        /** From the last session's metadata leaving the emulator to the last exchange done. */
        double tailMillis() {
            return (endNanos - sessions.get(sessions.size() - 1).finalMessageNanos()) / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int port = Integer.parseInt(args[1]);
        Path wav = Path.of(args[2]);
        long maxMillis = Long.parseLong(args[3]);
        int runs = Integer.parseInt(args[4]);
        Path partsDir = Files.createDirectories(Path.of(args[5]));
        int rc = 0;
        try (EmulatorControl emulator = EmulatorControl.connect(url, port);
             CamelContext camel = new DefaultCamelContext()) {
            camel.setStreamCaching(false);
            camel.start();
            RolloverProbe probe = new RolloverProbe(emulator, camel.createProducerTemplate(), 
                    BenchContext.endpoint(url) + "&maxSessionDuration=" + maxMillis);
            probe.startSampler();
            probe.run(wav, runs, partsDir);
        } catch (OutOfMemoryError e) {
            System.out.println("RESULT run=oom status=OutOfMemoryError");
        } catch (Exception e) {
            e.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }

    private void run(Path wav, int runs, Path partsDir) throws Exception {
        Timed first = send(List.of(wav));
        List<Path> parts = new ArrayList<>();
        long start = 44;
        for (EmulatorControl.Session s : first.sessions()) {
            long end = start + s.receivedBytes() - 44;
            parts.add(RecordingFiles.part(wav, start, end, partsDir.resolve("part-" + parts.size() + ".wav")));
            start = end;
        }
        if (start != Files.size(wav)) {
            throw new IllegalStateException("the parts' sessions received " + (start - 44) + " bytes of audio, the file"
                                            + " has " + (Files.size(wav) - 44));
        }
        List<Long> expected = new ArrayList<>();
        for (Path p : parts) {
            expected.add(Files.size(p)); // its audio + 44
        }
        System.out.println("RESULT run=-1 parts=" + parts.size() + " cutsSeconds=" + cutSeconds(expected)
                           + " expectedBytes=" + join(expected) + " wholeMillis=" + first.millis());
        send(parts); // warm-up of the other way
        for (int r = 0; r < runs; r++) {
            Timed whole = null;
            Timed separate = null;
            for (int k = 0; k < 2; k++) {
                if ((r + k) % 2 == 0) {
                    whole = send(List.of(wav));
                } else {
                    separate = send(parts);
                }
            }
            check("rollover", whole, expected);
            check("separate exchanges", separate, expected);
            System.out.println("RESULT run=" + r + " status=ok wholeMs=" + whole.millis() + " partsMs=" + separate.millis()
                               + " wholePeak=" + whole.peakBytes() + " partsPeak=" + separate.peakBytes()
                               + " wholeRetained=" + whole.retainedBytes() + " partsRetained=" + separate.retainedBytes()
                               + " wholeCpuMs=" + whole.cpuMs() + " partsCpuMs=" + separate.cpuMs()
                               + " wholeEmulatorCpuMs=" + whole.emulatorCpuMs() + " partsEmulatorCpuMs="
                               + separate.emulatorCpuMs()
                               + " received=" + join(received(whole)) + " expected=" + join(expected)
                               + " wholePartMs=" + join(partMillis(whole)) + " partsPartMs=" + join(partMillis(separate))
                               + " wholeGapMs=" + join(gapMillis(whole)) + " partsGapMs=" + join(gapMillis(separate))
                               + " wholeLeadMs=" + whole.leadMillis() + " partsLeadMs=" + separate.leadMillis()
                               + " wholeTailMs=" + whole.tailMillis() + " partsTailMs=" + separate.tailMillis()
                               + " wholeSendMs=" + join(sendMillis(whole)) + " partsSendMs=" + join(sendMillis(separate))
                               + " wholeFrames=" + join(frames(whole)) + " partsFrames=" + join(frames(separate)));
        }
    }

    /** Sends each file as its own exchange, one after the other, after a full GC; the peak heap meanwhile. */
    private Timed send(List<Path> files) throws Exception {
        System.gc();
        Thread.sleep(100);
        int before = emulator.count();
        long base = used();
        peak.set(base);
        long cpu = CPU.getProcessCpuTime();
        long emulatorCpu = emulator.cpuNanos();
        long t = System.nanoTime();
        for (Path f : files) {
            File body = f.toFile();
            Exchange out = template.send(endpoint, e -> e.getMessage().setBody(body));
            if (out.getException() != null) {
                throw new IllegalStateException("the exchange of " + f.getFileName() + " failed", out.getException());
            }
            Integer parts = out.getMessage().getHeader(ProsaSttConstants.PARTS, Integer.class);
            if (files.size() > 1 && parts != null && parts != 1) {
                throw new IllegalStateException(f.getFileName() + " was rolled over into " + parts + " sessions");
            }
        }
        long end = System.nanoTime();
        long peakBytes = peak.get();
        double cpuMs = (CPU.getProcessCpuTime() - cpu) / 1e6;
        double emulatorCpuMs = (emulator.cpuNanos() - emulatorCpu) / 1e6;
        System.gc();
        return new Timed(t, end, peakBytes, used() - base, cpuMs, emulatorCpuMs, emulator.dumpDone(before));
    }

    /** Asserts that each session received its part's bytes: audio + 44 (the part's own WAV header). */
    private static void check(String how, Timed timed, List<Long> expected) {
        List<Long> got = received(timed);
        if (!got.equals(expected)) {
            System.out.println("RESULT run=check status=bytes-differ how=" + how.replace(' ', '-') + " received="
                               + join(got) + " expected=" + join(expected));
            throw new IllegalStateException(how + ": the emulator received " + got + " bytes per session, the parts are "
                                            + expected + " (audio + 44)");
        }
    }

    private static List<Long> received(Timed timed) {
        return timed.sessions().stream().map(EmulatorControl.Session::receivedBytes).toList();
    }

    /** Each session from its first audio frame to its last message (metadata) at the emulator. */
    private static List<Double> partMillis(Timed timed) {
        return timed.sessions().stream().map(s -> (s.finalMessageNanos() - s.frameNanos()[0]) / 1e6).toList();
    }

    /** Each session from its first audio frame to its last at the emulator: the upload alone. */
    private static List<Double> sendMillis(Timed timed) {
        return timed.sessions().stream()
                .map(s -> (s.frameNanos()[s.frameNanos().length - 1] - s.frameNanos()[0]) / 1e6).toList();
    }

    private static List<Integer> frames(Timed timed) {
        return timed.sessions().stream().map(s -> s.frameNanos().length).toList();
    }

    /** From each session's last message to the next session's first audio frame, at the emulator. */
    private static List<Double> gapMillis(Timed timed) {
        List<Double> gaps = new ArrayList<>();
        List<EmulatorControl.Session> s = timed.sessions();
        for (int i = 1; i < s.size(); i++) {
            gaps.add((s.get(i).frameNanos()[0] - s.get(i - 1).finalMessageNanos()) / 1e6);
        }
        return gaps;
    }

    private static String cutSeconds(List<Long> partBytes) {
        List<String> cuts = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < partBytes.size() - 1; i++) {
            at += partBytes.get(i) - 44;
            cuts.add(String.format(java.util.Locale.ROOT, "%.2f", at / (double) SyntheticWav.BYTES_PER_SECOND));
        }
        return String.join(",", cuts);
    }

    private static String join(List<? extends Number> values) {
        return values.stream().map(v -> v instanceof Double d ? Stats.fmt(d) : v.toString()).collect(Collectors.joining(","));
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Samples the used heap every 2 ms, as row 2's probe does. */
    private void startSampler() {
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }
}
