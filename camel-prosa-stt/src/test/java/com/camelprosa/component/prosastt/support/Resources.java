package com.camelprosa.component.prosastt.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a test counts to prove nothing was left behind: threads by name, file descriptors, TCP connections. */
public final class Resources {

    private Resources() {
    }

    /** Live threads of this component, its Tyrus client and Camel's pools for it (the emulator's are not counted). */
    public static List<String> componentThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("prosa-stt") || n.contains("ProsaStt"))
                .sorted().toList();
    }

    /**
     * Threads (but the caller) whose stack is in this component's or its client's code, or in a class named by
     * {@code alsoPrefixes}: a thread left waiting or working, where an idle pooled thread has none of it.
     */
    public static List<String> busyThreads(String... alsoPrefixes) {
        List<String> prefixes = new java.util.ArrayList<>(List.of("com.camelprosa.prosastt.client.",
                "com.camelprosa.component.prosastt.ProsaStt"));
        prefixes.addAll(List.of(alsoPrefixes));
        List<String> busy = new java.util.ArrayList<>();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t == Thread.currentThread() || !t.isAlive()) {
                return;
            }
            for (StackTraceElement f : stack) {
                if (prefixes.stream().anyMatch(f.getClassName()::startsWith)) {
                    busy.add(t.getName() + " at " + f);
                    return;
                }
            }
        });
        return busy;
    }

    public static long fileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** ESTABLISHED (or connecting) TCP connections from this machine to the given local port, from /proc/net. */
    public static int connectionsTo(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        int n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // f[1] local address, f[2] remote address, f[3] state: 01 ESTABLISHED, 02 SYN_SENT
                if (f.length > 3 && f[2].endsWith(hexPort) && ("01".equals(f[3]) || "02".equals(f[3]))) {
                    n++;
                }
            }
        }
        return n;
    }
}
