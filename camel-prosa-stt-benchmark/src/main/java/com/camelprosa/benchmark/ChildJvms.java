package com.camelprosa.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's other JVMs (the emulator's and the probes'): each with a GC log and a JFR recording under
 * target/bench, and G1 unless it asks for another collector.
 */
final class ChildJvms {

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
    private final boolean profile;

    /** @param profile JFR's {@code profile} settings instead of {@code default} */
    ChildJvms(boolean profile) {
        this.profile = profile;
    }

    String jfrSettings() {
        return profile ? "profile" : "default";
    }

    /** JVM options of a child: G1 unless a collector is given, a GC log, and a JFR recording. */
    List<String> options(String name, String... options) {
        List<String> all = new ArrayList<>(Arrays.asList(options));
        if (all.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            all.add("-XX:+UseG1GC");
        }
        all.add("-Xlog:gc:file=" + BenchContext.OUT.resolve(name + "-gc.log"));
        // always: its threads are told apart in row 3's count
        all.add("-XX:StartFlightRecording=filename=" + BenchContext.OUT.resolve("jfr").resolve(name + ".jfr")
                + ",settings=" + jfrSettings());
        return all;
    }

    /** Runs {@code main} in a child JVM and returns its RESULT (and HISTO) lines as key=value maps. */
    List<Map<String, String>> run(String name, Class<?> main, List<String> options, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options(name, options.toArray(String[]::new)));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Path log = BenchContext.OUT.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        List<Map<String, String>> results = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith("RESULT ")) {
                    System.err.println("  " + name + ": " + line);
                    Map<String, String> fields = new LinkedHashMap<>();
                    Matcher m = FIELD.matcher(line);
                    while (m.find()) {
                        fields.put(m.group(1), m.group(2));
                    }
                    results.add(fields);
                } else if (line.startsWith("HISTO ")) {
                    results.add(Map.of("histo", line.substring(6)));
                }
            }
        }
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || results.isEmpty()) {
            throw new IllegalStateException(name + " child JVM failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                                            + "); see " + log);
        }
        return results;
    }
}
