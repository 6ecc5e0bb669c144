package com.camelprosa.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;

/**
 * The emulator in a JVM of its own, so its work (voice activity detection, JSON, its garbage) and its GC pauses stay
 * out of the measured JVM; it still shares the machine's cores. Prints {@code EMULATOR <url> <controlPort>} on stdout,
 * then answers one-line commands on a loopback control port (see {@link EmulatorControl}): {@code now} (its
 * {@link System#nanoTime()}, to check clocks agree across processes), {@code count}, {@code open}, {@code gc},
 * {@code cpu} (its process CPU time, ns), {@code dump FROM} (the timestamps and audio bytes received of every session
 * from that index on), {@code quit}.
 */
public final class EmulatorHost {

    private EmulatorHost() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("com.camelprosa.prosastt.emulator").setLevel(java.util.logging.Level.WARNING);
        KEEP.add(java.util.logging.Logger.getLogger("com.camelprosa.prosastt.emulator"));
        boolean realtime = List.of(args).contains("--realtime");
        GcWatch.reset();
        ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(BenchContext.KEY).realtime(realtime).build()
                .start();
        ServerSocket control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        System.out.println("EMULATOR " + emulator.url() + " " + control.getLocalPort());
        System.out.flush();
        // The parent's end of our stdin closes when it exits, even when it is killed: then we go too.
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent on stdin
                }
            } catch (java.io.IOException ignored) {
                // parent gone
            }
            System.exit(0);
        }, "parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();
        while (true) {
            Socket client = control.accept();
            Thread t = new Thread(() -> serve(client, emulator), "control");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final List<Object> KEEP = new java.util.ArrayList<>();

    private static void serve(Socket client, ProsaSttEmulator emulator) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                     client.getOutputStream(), StandardCharsets.US_ASCII), 1 << 16))) {
            for (String line; (line = in.readLine()) != null;) {
                String[] cmd = line.trim().split(" ");
                switch (cmd[0]) {
                    case "now" -> out.println(System.nanoTime());
                    case "count" -> out.println(emulator.sessions().size());
                    case "open" -> out.println(emulator.openSessions());
                    case "gcstats" -> out.println(GcWatch.summary());
                    case "gcpauses" -> out.println(GcWatch.pausesText());
                    case "gcreset" -> {
                        GcWatch.reset();
                        out.println("ok");
                    }
                    case "gc" -> {
                        System.gc();
                        out.println("ok");
                    }
                    case "threads" -> out.println(Thread.activeCount());
                    case "cpu" -> out.println(((com.sun.management.OperatingSystemMXBean) java.lang.management
                            .ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
                    case "dump" -> {
                        List<SessionRecord> all = emulator.sessions();
                        for (SessionRecord s : all.subList(Math.min(all.size(), Integer.parseInt(cmd[1])), all.size())) {
                            out.print(s.jobId() == null ? "-" : s.jobId());
                            out.print(' ');
                            out.print(s.finalMessageSentNanos());
                            out.print(' ');
                            out.print(longs(s.partialSentNanos()));
                            out.print(' ');
                            out.print(longs(s.binaryFrameNanos()));
                            out.print(' ');
                            out.print(longs(s.binaryFrameSizes()));
                            out.print(' ');
                            out.println(s.audioBytesReceived());
                        }
                        out.println("end");
                    }
                    case "quit" -> System.exit(0);
                    default -> out.println("unknown " + cmd[0]);
                }
                out.flush();
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private static String longs(List<? extends Number> values) {
        if (values.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(values.size() * 16);
        for (Number v : values) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(v.longValue());
        }
        return b.toString();
    }
}
