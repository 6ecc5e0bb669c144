package com.camelprosa.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A plain-text summary of a JFR recording, optionally for one time window: CPU samples by thread pool, the hottest
 * frames (own time) and the hottest frames of this project, Camel, Tyrus and Grizzly (time inside them), threads
 * started and by whom, GC pauses, and long thread parks.
 * Usage: {@code JfrTop file.jfr [fromEpochMillis toEpochMillis]}.
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        Instant from = args.length > 2 ? Instant.ofEpochMilli(Long.parseLong(args[1])) : Instant.MIN;
        Instant to = args.length > 2 ? Instant.ofEpochMilli(Long.parseLong(args[2])) : Instant.MAX;
        summarize(Path.of(args[0]), from, to, System.out);
    }

    /** Writes a summary of every recording in {@code dir} next to it ({@code name.txt}). */
    static void summarizeAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jfr")).toList()) {
                try (PrintStream out = new PrintStream(Files.newOutputStream(
                        dir.resolve(f.getFileName().toString().replace(".jfr", ".txt"))), true, "UTF-8")) {
                    summarize(f, Instant.MIN, Instant.MAX, out);
                } catch (IOException | RuntimeException e) {
                    System.err.println("Cannot summarize " + f + ": " + e);
                }
            }
        }
    }

    static void summarize(Path file, Instant from, Instant to, PrintStream out) throws IOException {
        List<Instant[]> one = new ArrayList<>();
        one.add(new Instant[] { from, to });
        summarize(file, one, out);
    }

    /** The same over several time windows (e.g. every run of one variant). */
    static void summarize(Path file, List<Instant[]> windows, PrintStream out) throws IOException {
        Instant from = windows.get(0)[0];
        Instant to = windows.get(windows.size() - 1)[1];
        Map<String, Integer> byPool = new HashMap<>();
        Map<String, Integer> selfFrames = new HashMap<>();
        Map<String, Integer> projectFrames = new HashMap<>();
        Map<String, Integer> threadStarts = new HashMap<>();
        List<String> pauses = new ArrayList<>();
        Map<String, long[]> parks = new HashMap<>();
        int samples = 0;
        long gcCount = 0;
        long gcLongest = 0;
        long gcTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            Instant at = e.getStartTime();
            if (windows.stream().noneMatch(w -> !at.isBefore(w[0]) && !at.isAfter(w[1]))) {
                continue;
            }
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    samples++;
                    RecordedThread t = e.getThread("sampledThread");
                    byPool.merge(pool(t), 1, Integer::sum);
                    RecordedStackTrace st = e.getStackTrace();
                    if (st != null && !st.getFrames().isEmpty()) {
                        selfFrames.merge(frame(st.getFrames().get(0)), 1, Integer::sum);
                        java.util.Set<String> seen = new java.util.HashSet<>();
                        for (RecordedFrame f : st.getFrames()) {
                            String name = frame(f);
                            if ((name.startsWith("com.camelprosa") || name.startsWith("org.apache.camel")
                                 || name.startsWith("org.glassfish")) && seen.add(name)) {
                                projectFrames.merge(name, 1, Integer::sum);
                            }
                        }
                    }
                }
                case "jdk.ThreadStart" -> {
                    RecordedStackTrace st = e.getStackTrace();
                    String by = "?";
                    if (st != null) {
                        for (RecordedFrame f : st.getFrames()) {
                            String name = frame(f);
                            if (!name.startsWith("java.") && !name.startsWith("jdk.")) {
                                by = name;
                                break;
                            }
                        }
                    }
                    RecordedThread t = e.getThread("thread");
                    threadStarts.merge(pool(t) + " ← " + by, 1, Integer::sum);
                }
                case "jdk.GarbageCollection" -> {
                    long longest = e.getDuration("longestPause").toNanos();
                    gcCount++;
                    gcTotal += e.getDuration("sumOfPauses").toNanos();
                    gcLongest = Math.max(gcLongest, longest);
                    if (longest > 10_000_000) {
                        pauses.add(e.getString("name") + " " + e.getString("cause") + " at " + e.getStartTime() + ": "
                                   + longest / 1_000_000 + " ms");
                    }
                }
                case "jdk.ThreadPark", "jdk.JavaMonitorEnter" -> {
                    Duration d = e.getDuration();
                    String key = type.substring(4) + " in " + pool(e.getThread()) + " at " + firstProjectFrame(e.getStackTrace());
                    long[] agg = parks.computeIfAbsent(key, k -> new long[2]);
                    agg[0]++;
                    agg[1] = Math.max(agg[1], d.toMillis());
                }
                default -> {
                }
            }
        }
        out.println("# " + file.getFileName() + (from == Instant.MIN ? "" : " from " + from + " to " + to + " ("
                                                   + windows.size() + " window(s))"));
        out.println("CPU samples: " + samples + " (every 20 ms per running thread with JFR's default settings, 10 ms"
                    + " with profile)");
        top(out, "by thread pool", byPool, samples, 15);
        top(out, "hottest frames, own time", selfFrames, samples, 25);
        top(out, "frames of com.camelprosa, Camel, Tyrus/Grizzly, time inside", projectFrames, samples, 40);
        top(out, "threads started (pool ← first non-JDK frame that started it)", threadStarts, -1, 20);
        out.println("GC: " + gcCount + " collections, pauses " + gcTotal / 1_000_000 + " ms in all, longest "
                    + gcLongest / 1_000_000 + " ms");
        pauses.forEach(p -> out.println("  " + p));
        out.println("Long parks and monitor waits (over JFR's threshold), by place: count, longest ms");
        parks.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(15)
                .forEach(en -> out.println("  " + en.getValue()[0] + " × ≤" + en.getValue()[1] + " ms  " + en.getKey()));
        out.println();
    }

    private static void top(PrintStream out, String title, Map<String, Integer> counts, int total, int limit) {
        out.println(title + ":");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
                .forEach(en -> out.println(String.format(java.util.Locale.ROOT, "  %6d %s %s", en.getValue(),
                        total > 0 ? String.format(java.util.Locale.ROOT, "%5.1f%%", 100.0 * en.getValue() / total) : "",
                        en.getKey())));
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String firstProjectFrame(RecordedStackTrace st) {
        if (st == null) {
            return "?";
        }
        for (RecordedFrame f : st.getFrames()) {
            String name = frame(f);
            if (name.startsWith("com.camelprosa") || name.startsWith("org.apache.camel")) {
                return name;
            }
        }
        return st.getFrames().isEmpty() ? "?" : frame(st.getFrames().get(0));
    }

    /** A thread's pool: its name with the numbers left out. */
    static String pool(RecordedThread t) {
        if (t == null) {
            return "?";
        }
        String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        return new TreeMap<>(m);
    }
}
