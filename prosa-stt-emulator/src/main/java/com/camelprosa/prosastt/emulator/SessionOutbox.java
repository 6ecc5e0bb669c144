package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * What one emulator session sends its client: JSON messages, at once or in realtime mode not before their time in the
 * audio (one queue, in order); the extras of the {@code noise} fault; raw frames for other faults; and its close.
 */
final class SessionOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionRecord record;
    private final boolean realtime;
    private final Runnable ending;
    private final TimedSender timed;
    private Session session;
    private boolean noise;
    private long firstAudioNanos;

    /** @param ending marks the session ended; run first by every close */
    SessionOutbox(SessionRecord record, boolean realtime, ScheduledExecutorService scheduler, Runnable ending) {
        this.record = record;
        this.realtime = realtime;
        this.ending = ending;
        this.timed = new TimedSender(scheduler, () -> session.isOpen(),
                e -> close(1011, "Internal error: " + e.getMessage()));
    }

    void open(Session socket) {
        this.session = socket;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** The {@code noise} fault: unknown message types and unknown fields in what it sends. */
    void noise(boolean on) {
        noise = on;
    }

    /** The first audio arrived: in realtime mode a message is due at its time in the audio counted from now. */
    void audioStarted() {
        if (firstAudioNanos == 0) {
            firstAudioNanos = System.nanoTime();
        }
    }

    ObjectNode message(String type) {
        ObjectNode node = JSON.createObjectNode().put("type", type);
        if (noise) {
            node.put("emulator_extra_field", 42);
        }
        return node;
    }

    void send(ObjectNode message) throws IOException {
        send(message, 0);
    }

    /**
     * Sends now, or in realtime mode not before {@code audioSeconds} of the stream have passed on the wall clock
     * since the first audio arrived, and never before an earlier message: timed messages wait in one queue, in order.
     */
    void send(ObjectNode message, double audioSeconds) throws IOException {
        if (!realtime) {
            write(message);
            return;
        }
        timed.at(firstAudioNanos == 0 ? System.nanoTime() : firstAudioNanos + (long) (audioSeconds * 1e9),
                () -> write(message));
    }

    private void write(ObjectNode message) throws IOException {
        if (noise) {
            session.getBasicRemote().sendText("{\"type\":\"emulator_unknown_type\",\"value\":1}");
        }
        String type = message.path("type").asText();
        session.getBasicRemote().sendText(JSON.writeValueAsString(message));
        if (type.equals("partial")) {
            record.partialSent();
        } else if (type.equals("metadata")) {
            record.finalMessageSent();
        }
    }

    /** A message sent as it is, at once: not counted in the record, no noise around it. */
    void sendUncounted(ObjectNode message) throws IOException {
        session.getBasicRemote().sendText(JSON.writeValueAsString(message));
    }

    /** A text frame as it is, at once (it need not be JSON). */
    void sendRaw(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    void sendBinary(ByteBuffer data) throws IOException {
        session.getBasicRemote().sendBinary(data);
    }

    void sendPing() throws IOException {
        session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
    }

    /** Drops the TCP connection without a close frame. */
    void drop() {
        ConnectionDropper.drop(session);
    }

    /** Closes 1000 once the messages queued before are sent (at once, but in realtime mode when the last is due). */
    void closeAfterMessages() {
        if (realtime) {
            timed.at(timed.lastDue(), () -> close(1000, "Session complete"));
        } else {
            close(1000, "Session complete");
        }
    }

    void close(int code, String reason) {
        ending.run();
        if (!session.isOpen()) {
            return;
        }
        record.closeCode(code);
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            // the client is gone already
        }
    }
}
