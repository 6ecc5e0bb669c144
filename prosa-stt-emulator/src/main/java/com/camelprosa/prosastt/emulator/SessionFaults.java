package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@link Fault} one session acts out, at the point of the protocol where it acts: each method says whether the
 * fault took over there (the session then does nothing more at that point).
 */
final class SessionFaults {

    private final Fault fault;
    private final SessionOutbox out;
    private final SessionRecord record;
    private final ScheduledExecutorService scheduler;
    private final Runnable stopReading;

    /** @param stopReading marks the session ended without closing it: it reads nothing more */
    SessionFaults(Fault fault, SessionOutbox out, SessionRecord record, ScheduledExecutorService scheduler,
                  Runnable stopReading) {
        this.fault = fault;
        this.out = out;
        this.record = record;
        this.scheduler = scheduler;
        this.stopReading = stopReading;
        out.noise(fault.is("noise"));
    }

    /** The session's maximum duration: the fault's {@code max-duration:SECONDS}, else the emulator's. */
    double maxDuration(double emulators) {
        return fault.is("max-duration") && fault.arg() > 0 ? fault.arg() : emulators;
    }

    /** In answer to the configuration: {@code close:CODE} closes, {@code stall} never answers. */
    boolean atConfiguration() {
        if (fault.is("close")) {
            out.close(fault.arg(), "Emulated close " + fault.arg());
            return true;
        }
        if (fault.is("stall")) {
            stopReading.run();
            return true;
        }
        return false;
    }

    /** At each audio chunk, before it is transcribed; {@code position} is the seconds of audio read before it. */
    boolean atAudio(double position) throws IOException {
        if (fault.is("drop")) {
            stopReading.run();
            out.drop();
            return true;
        }
        if (fault.is("slow")) {
            sleep(fault.arg());
        }
        if (fault.is("truncate")) {
            out.close(1000, "Session complete");
            return true;
        }
        if (fault.is("binary") && record.binaryFrames() == 1) {
            out.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        }
        if (fault.is("complete-early") && record.binaryFrames() == 1) {
            out.send(out.message("status").put("status", "complete"));
            out.send(out.message("metadata").put("duration", 0.5).put("quota_used", 0.5).put("max_reached", false));
            return true;
        }
        if (fault.is("huge") && record.binaryFrames() == 1) {
            out.sendRaw("{\"type\":\"partial\",\"transcript\":\"" + "a".repeat(Math.max(1, fault.arg())) + "\"}");
        }
        if (fault.is("garbage") && record.binaryFrames() == 1) {
            out.sendRaw("<html>502 Bad Gateway</html>");
        }
        if (fault.is("quota")) {
            ObjectNode quota = out.message("quota");
            quota.put("timestamp", System.currentTimeMillis() / 1000.0).put("quota_used", position).put("active", false);
            out.send(quota);
            stopReading.run();
            // Closing at once while the client is still uploading makes our TCP stack reset the connection, and a
            // reset can discard the quota message before the client reads it: give the client a moment first.
            scheduler.schedule(() -> out.close(4005, "Insufficient quota"), 100, TimeUnit.MILLISECONDS);
            return true;
        }
        return false;
    }

    /** At the end frame, before the last results: {@code close-after-end} closes with 1000. */
    boolean atEndOfAudio() {
        if (fault.is("close-after-end")) {
            out.close(1000, "Session complete");
            return true;
        }
        return false;
    }

    /** {@code late}: results wait for the confirmation. */
    boolean holdsResults() {
        return fault.is("late");
    }

    /**
     * After the last results, instead of the confirmation: {@code stall-after-end} never answers, {@code no-confirm}
     * closes, {@code keepalive} keeps sending what is not progress, {@code late} confirms later.
     */
    boolean beforeConfirmation(Runnable confirm) {
        if (fault.is("stall-after-end")) {
            return true;
        }
        if (fault.is("no-confirm")) {
            out.close(1000, "Session complete");
            return true;
        }
        if (fault.is("keepalive")) {
            long every = fault.arg() > 0 ? fault.arg() : 100;
            scheduler.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
            return true;
        }
        if (fault.is("late")) {
            scheduler.schedule(confirm, fault.arg(), TimeUnit.MILLISECONDS);
            return true;
        }
        return false;
    }

    /** After the confirmation: one more result, or a dropped connection instead of the close. */
    boolean afterConfirmation(double duration) throws IOException {
        if (fault.is("result-after-complete")) {
            out.send(out.message("result").put("transcript", "after the end").put("time_start", duration)
                    .put("time_end", duration));
        }
        if (fault.is("drop-after-complete")) {
            out.drop();
            return true;
        }
        return false;
    }

    /** Traffic that is not progress: a repeated in_progress status and a ping, until the client goes away. */
    private void keepAlive() {
        if (!out.isOpen()) {
            throw new IllegalStateException("session closed"); // ends the repetition
        }
        try {
            out.sendUncounted(out.message("status").put("status", "in_progress"));
            out.sendPing();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
