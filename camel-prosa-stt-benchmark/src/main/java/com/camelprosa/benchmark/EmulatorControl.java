package com.camelprosa.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Talks to an {@link EmulatorHost}: starts it (from the benchmark JVM) or connects to it (from a child JVM). */
final class EmulatorControl implements AutoCloseable {

    /**
     * What the emulator recorded of one session: times in its {@link System#nanoTime()}, and every byte of audio that
     * arrived (WAV header included).
     */
    record Session(String jobId, long finalMessageNanos, long[] partialNanos, long[] frameNanos, long[] frameSizes,
                   long receivedBytes) {
    }

    private final Process process;
    private final String url;
    private final int port;
    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    private EmulatorControl(Process process, String url, int port) throws IOException {
        this.process = process;
        this.url = url;
        this.port = port;
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), 1 << 16);
        this.out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
    }

    /** Starts the emulator in its own JVM with these JVM options; its stderr goes to {@code log}. */
    static EmulatorControl start(List<String> jvmOptions, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EmulatorHost.class.getName());
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        while (line != null && !line.startsWith("EMULATOR ")) { // JFR announces itself on stdout
            line = stdout.readLine();
        }
        if (line == null || !line.startsWith("EMULATOR ")) {
            p.destroyForcibly();
            throw new IOException("The emulator JVM did not start (see " + log + "): " + line);
        }
        String[] parts = line.split(" ");
        return new EmulatorControl(p, parts[1], Integer.parseInt(parts[2]));
    }

    /** Connects to a running emulator host (from a child JVM). */
    static EmulatorControl connect(String url, int port) throws IOException {
        return new EmulatorControl(null, url, port);
    }

    String url() {
        return url;
    }

    int port() {
        return port;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized long now() throws IOException {
        return Long.parseLong(ask("now"));
    }

    synchronized int count() throws IOException {
        return Integer.parseInt(ask("count"));
    }

    synchronized int open() throws IOException {
        return Integer.parseInt(ask("open"));
    }

    /** The emulator JVM's process CPU time so far, in ns. */
    synchronized long cpuNanos() throws IOException {
        return Long.parseLong(ask("cpu"));
    }

    synchronized void gc() throws IOException {
        ask("gc");
    }

    /** The emulator JVM's GC pauses since the last {@link #gcReset()}. */
    synchronized String gcStats() throws IOException {
        return ask("gcstats");
    }

    /** The emulator JVM's GC pauses as [start, end] in System.nanoTime. */
    synchronized java.util.List<long[]> gcPauses() throws IOException {
        return GcWatch.parsePauses(ask("gcpauses"));
    }

    synchronized void gcReset() throws IOException {
        ask("gcreset");
    }

    /** Every session from index {@code from} on (in the order they opened). */
    synchronized List<Session> dump(int from) throws IOException {
        out.println("dump " + from);
        List<Session> sessions = new ArrayList<>();
        for (String line; !"end".equals(line = in.readLine());) {
            if (line == null) {
                throw new IOException("the emulator went away");
            }
            String[] f = line.split(" ");
            sessions.add(new Session("-".equals(f[0]) ? null : f[0], Long.parseLong(f[1]), longs(f[2]), longs(f[3]),
                    longs(f[4]), Long.parseLong(f[5])));
        }
        return sessions;
    }

    /**
     * {@link #dump(int)} once every session noted when its last message left: the client may be done before the
     * emulator's blocking send returned and it took the time (waits up to 5 s, then returns what it has).
     */
    List<Session> dumpDone(int from) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Session> sessions = dump(from);
        while (sessions.stream().anyMatch(s -> s.finalMessageNanos() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            sessions = dump(from);
        }
        return sessions;
    }

    /**
     * Checks that this JVM's and the emulator's {@link System#nanoTime()} are one clock (CLOCK_MONOTONIC on Linux):
     * each reading of the emulator's must fall between ours taken just before and after asking.
     *
     * @return a sentence for the table's notes
     */
    String clockCheck(int samples) throws IOException {
        int inside = 0;
        long narrowest = Long.MAX_VALUE;
        for (int i = 0; i < samples; i++) {
            long before = System.nanoTime();
            long theirs = now();
            long after = System.nanoTime();
            if (theirs >= before && theirs <= after) {
                inside++;
            }
            narrowest = Math.min(narrowest, after - before);
        }
        if (inside != samples) {
            throw new IllegalStateException("System.nanoTime is not one clock across the two JVMs: only " + inside + " of "
                                            + samples + " readings of the emulator's fell between ours");
        }
        return "clock check: " + inside + "/" + samples + " of the emulator JVM's System.nanoTime readings fell inside"
               + " the bracket of ours (narrowest " + Stats.fmt(narrowest / 1000.0) + " µs)";
    }

    private String ask(String command) throws IOException {
        out.println(command);
        String answer = in.readLine();
        if (answer == null) {
            throw new IOException("the emulator went away");
        }
        return answer;
    }

    private static long[] longs(String csv) {
        if ("-".equals(csv)) {
            return new long[0];
        }
        String[] parts = csv.split(",");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Long.parseLong(parts[i]);
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        try {
            if (process != null) {
                out.println("quit");
            }
            socket.close();
        } finally {
            if (process != null) {
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
