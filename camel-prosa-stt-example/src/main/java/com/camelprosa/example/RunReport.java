package com.camelprosa.example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What this run did with each file it picked up (files and FTP joins): where the transcript went, or why it failed,
 * and where the original audio was moved. Only this run's files: what earlier runs left in the folders is not counted.
 */
public final class RunReport {

    /** One file of this run. {@code transcripts} is empty when it failed, {@code reason} null when it succeeded. */
    public record Entry(String source, String name, String movedTo, List<Path> transcripts, String reason) {
        boolean failed() {
            return reason != null;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Consumer<Entry>> listeners = new ArrayList<>();

    public synchronized void add(Entry entry) {
        entries.add(entry);
        listeners.forEach(l -> l.accept(entry));
        notifyAll();
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized int failures() {
        return (int) entries.stream().filter(Entry::failed).count();
    }

    /** Waits until {@code count} files are reported or the timeout passes; true when they are. */
    public synchronized boolean await(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (entries.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The end-of-run summary, one line per file of this run. */
    public synchronized String summary() {
        StringBuilder b = new StringBuilder();
        if (entries.isEmpty()) {
            return "This run transcribed no file.\n";
        }
        int failed = failures();
        b.append("This run: ").append(entries.size() - failed).append(" file(s) transcribed, ").append(failed)
                .append(" failed\n");
        for (Entry e : entries) {
            if (e.failed()) {
                b.append("  FAILED ").append(e.name()).append(": ").append(e.reason()).append("\n")
                        .append("         original moved to ").append(e.movedTo()).append("\n");
            } else {
                b.append("  ok     ").append(e.name()).append(" -> ");
                b.append(String.join(", ", e.transcripts().stream().map(Path::toString).toList())).append("\n")
                        .append("         original moved to ").append(e.movedTo()).append("\n");
            }
        }
        return b.toString();
    }
}
