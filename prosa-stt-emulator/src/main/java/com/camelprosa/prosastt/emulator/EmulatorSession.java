package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** One streaming session on the server side: the protocol's state machine, one instance per websocket. */
/** Public only because Tyrus invokes websocket callbacks reflectively; not an API. */
public final class EmulatorSession extends Endpoint {

    static final String HEADER_KEY_PROPERTY = "prosa.emulator.headerKey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(EmulatorSession.class.getName());
    private static final double PARTIAL_EVERY_SECONDS = 0.3;
    /**
     * A session stopped at its maximum duration closes once the client has sent nothing for this long (or sent its end
     * frame): closing with unread audio in the socket makes the TCP stack reset the connection, and a reset can discard
     * the last messages, or the close frame, before the client reads them.
     */
    private static final long STOP_QUIET_MILLIS = 100;
    /** ... but no later than this after the stop, even if the client never pauses. */
    private static final long STOP_CLOSE_AT_MOST_MILLIS = 2000;

    private enum State { AWAIT_TOKEN, AWAIT_CONFIG, STREAMING, ENDED }

    private final ProsaSttEmulator emulator;
    private final SessionRecord record = new SessionRecord();

    private Session session;
    private State state;
    private Fault fault = Fault.NONE;
    private String jobId;
    private boolean includePartial;
    private List<String> scriptTexts = List.of();
    private SpeechSegmenter segmenter;
    private final List<ObjectNode> heldResults = new ArrayList<>();
    private int segmentIndex;
    private double lastPartialAt = -1;
    private boolean inProgressSent;
    private long firstAudioNanos;
    private double maxDuration;
    private volatile boolean stoppedAtLimit;
    private volatile long stoppedNanos;
    private volatile long lastIgnoredFrameNanos;
    private final TimedSender timed;

    EmulatorSession(ProsaSttEmulator emulator) {
        this.emulator = emulator;
        this.timed = new TimedSender(emulator.scheduler(), () -> session.isOpen(),
                e -> close(1011, "Internal error: " + e.getMessage()));
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        emulator.register(record);
        emulator.sessionOpened();
        session.setMaxTextMessageBufferSize(1 << 20);
        session.setMaxBinaryMessageBufferSize(16 << 20);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::onBinary);
        String headerKey = (String) config.getUserProperties().get(HEADER_KEY_PROPERTY);
        if (headerKey == null) {
            state = State.AWAIT_TOKEN;
        } else if (emulator.settings().acceptsKey(headerKey)) {
            record.authMode("header");
            state = State.AWAIT_CONFIG;
        } else {
            close(4000, "Invalid API key");
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        state = State.ENDED;
        record.closed(true);
        emulator.sessionClosed();
        // What arrived, for a user of the jar; never the key (only the configuration's label is read from it).
        LOG.info(() -> String.format("session %s: auth %s, label \"%s\", %d bytes of audio%s%s, %d segment(s), close %d %s",
                record.jobId() == null ? "(no job)" : record.jobId(), record.authMode() == null ? "none" : record.authMode(),
                record.configuration() == null ? "" : parse(record.configuration()).path("label").asText(""),
                record.audioBytes(), record.endOfAudio() ? "" : " (no end frame)",
                record.maxReached() ? String.format(" (max duration %s s reached)", record.maxDurationSeconds()) : "",
                segmentIndex,
                closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase()).stripTrailing());
    }

    private void onText(String text) {
        try {
            switch (state) {
                case AWAIT_TOKEN -> onToken(text);
                case AWAIT_CONFIG -> onConfiguration(text);
                case STREAMING -> violation(4001, "Unexpected text message after the configuration");
                default -> { }
            }
        } catch (IOException e) {
            violation(1011, "Internal error: " + e.getMessage());
        }
    }

    private void onToken(String text) {
        JsonNode token = parse(text).path("token");
        if (!token.isTextual() || token.asText().isEmpty()) {
            close(4000, "Missing API key: send x-api-key or a {\"token\"} message first");
        } else if (!emulator.settings().acceptsKey(token.asText())) {
            close(4000, "Invalid API key");
        } else {
            record.authMode("message");
            state = State.AWAIT_CONFIG;
        }
    }

    private void onConfiguration(String text) throws IOException {
        record.configuration(text);
        JsonNode config = parse(text);
        String problem = ConfigurationCheck.problemWith(config);
        if (problem != null) {
            violation(4001, problem);
            return;
        }
        String model = config.get("model").asText();
        if (!emulator.settings().models().contains(model)) {
            close(4002, "Unknown model: " + model);
            return;
        }
        String label = config.path("label").isTextual() ? config.get("label").asText() : null;
        fault = Fault.fromLabel(label, emulator.nextFault());
        if (fault.is("close")) {
            close(fault.arg(), "Emulated close " + fault.arg());
            return;
        }
        if (fault.is("stall")) {
            state = State.ENDED;
            return;
        }
        includePartial = config.path("include_partial").asBoolean(false);
        scriptTexts = emulator.settings().script().segmentsFor(label);
        JsonNode audio = config.path("audio");
        maxDuration = fault.is("max-duration") && fault.arg() > 0 ? fault.arg() : emulator.settings().maxDuration();
        record.maxDurationSeconds(maxDuration);
        segmenter = new SpeechSegmenter(audio.path("format").textValue(), audio.path("sample_rate").asInt(0),
                audio.path("channels").asInt(0), emulator.settings().voiceThreshold(), maxDuration);
        jobId = UUID.randomUUID().toString();
        record.jobId(jobId);
        state = State.STREAMING;
        send(message("created").put("id", jobId));
        send(message("status").put("status", "created"));
    }

    private void onBinary(ByteBuffer data) {
        try {
            if (state == State.AWAIT_TOKEN) {
                close(4000, "Missing API key: send x-api-key or a {\"token\"} message first");
            } else if (state == State.AWAIT_CONFIG) {
                violation(4001, "Audio received before the configuration");
            } else if (state == State.STREAMING) {
                if (data.remaining() == 0) {
                    onEndOfAudio();
                } else {
                    onAudio(data);
                }
            } else if (data.remaining() > 0) {
                lastIgnoredFrameNanos = System.nanoTime();
                record.ignoredAudio(data.remaining());
            } else if (stoppedAtLimit) {
                // Stopped at the maximum duration, and now the client has finished sending: nothing left unread.
                record.endOfAudio(true);
                closeAfterMessages();
            }
        } catch (IOException e) {
            violation(1011, "Internal error: " + e.getMessage());
        }
    }

    private void onAudio(ByteBuffer data) throws IOException {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        record.binaryFrame(chunk.length);
        if (firstAudioNanos == 0) {
            firstAudioNanos = System.nanoTime();
        }
        if (!inProgressSent) {
            inProgressSent = true;
            send(message("status").put("status", "in_progress"));
        }
        if (fault.is("drop")) {
            state = State.ENDED;
            ConnectionDropper.drop(session);
            return;
        }
        if (fault.is("slow")) {
            sleep(fault.arg());
        }
        if (fault.is("truncate")) {
            close(1000, "Session complete");
            return;
        }
        if (fault.is("binary") && record.binaryFrames() == 1) {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        }
        if (fault.is("complete-early") && record.binaryFrames() == 1) {
            send(message("status").put("status", "complete"));
            send(message("metadata").put("duration", 0.5).put("quota_used", 0.5).put("max_reached", false));
            return;
        }
        if (fault.is("huge") && record.binaryFrames() == 1) {
            session.getBasicRemote().sendText("{\"type\":\"partial\",\"transcript\":\""
                                              + "a".repeat(Math.max(1, fault.arg())) + "\"}");
        }
        if (fault.is("garbage") && record.binaryFrames() == 1) {
            session.getBasicRemote().sendText("<html>502 Bad Gateway</html>");
        }
        if (fault.is("quota")) {
            ObjectNode quota = message("quota");
            quota.put("timestamp", System.currentTimeMillis() / 1000.0).put("quota_used", segmenter.position())
                    .put("active", false);
            send(quota);
            state = State.ENDED;
            // Closing at once while the client is still uploading makes our TCP stack reset the connection, and a
            // reset can discard the quota message before the client reads it: give the client a moment first.
            emulator.scheduler().schedule(() -> close(4005, "Insufficient quota"), 100, TimeUnit.MILLISECONDS);
            return;
        }
        for (SpeechSegmenter.Span span : segmenter.accept(chunk)) {
            result(span, false);
        }
        if (segmenter.limitReached()) {
            record.markMaxReached();
            if (emulator.settings().maxDurationMode() == ProsaSttEmulator.MaxDurationMode.STOP) {
                // The real service's behaviour as its metadata suggests: it stops reading at the limit and confirms.
                state = State.ENDED;
                stoppedNanos = System.nanoTime();
                lastIgnoredFrameNanos = stoppedNanos;
                stoppedAtLimit = true;
                finish();
                return;
            }
        }
        if (includePartial && segmenter.inSpeech() && segmenter.position() - lastPartialAt >= PARTIAL_EVERY_SECONDS) {
            lastPartialAt = segmenter.position();
            String text = textFor(segmentIndex);
            double spoken = segmenter.position() - segmenter.speechStart();
            int words = text.split(" ").length;
            int shown = Math.max(1, Math.min(words, (int) Math.ceil(spoken / 0.35)));
            send(message("partial").put("transcript", String.join(" ", List.of(text.split(" ")).subList(0, shown))));
        }
    }

    private void onEndOfAudio() throws IOException {
        record.endOfAudio(true);
        state = State.ENDED;
        if (fault.is("close-after-end")) {
            close(1000, "Session complete");
            return;
        }
        List<SpeechSegmenter.Span> last = segmenter.finish();
        for (int i = 0; i < last.size(); i++) {
            result(last.get(i), i == last.size() - 1 && !segmenter.limitReached());
        }
        if (segmenter.limitReached()) {
            record.markMaxReached();
        }
        if (fault.is("stall-after-end")) {
            return;
        }
        if (fault.is("no-confirm")) {
            close(1000, "Session complete");
            return;
        }
        if (fault.is("keepalive")) {
            long every = fault.arg() > 0 ? fault.arg() : 100;
            emulator.scheduler().scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
            return;
        }
        if (fault.is("late")) {
            emulator.scheduler().schedule(this::finishSafely, fault.arg(), TimeUnit.MILLISECONDS);
        } else {
            finish();
        }
    }

    private void finishSafely() {
        try {
            finish();
        } catch (IOException e) {
            close(1011, "Internal error: " + e.getMessage());
        }
    }

    private void finish() throws IOException {
        for (ObjectNode held : heldResults) {
            send(held);
        }
        send(message("status").put("status", "complete"));
        double duration = segmenter.durationSeconds();
        ObjectNode meta = message("metadata");
        meta.put("duration", duration).put("quota_used", duration).put("max_reached", segmenter.limitReached())
                .put("max_duration", maxDuration);
        send(meta);
        if (fault.is("result-after-complete")) {
            send(message("result").put("transcript", "after the end").put("time_start", duration)
                    .put("time_end", duration));
        }
        if (fault.is("drop-after-complete")) {
            ConnectionDropper.drop(session);
            return;
        }
        if (stoppedAtLimit) {
            emulator.scheduler().schedule(this::closeWhenQuiet, STOP_QUIET_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            closeAfterMessages();
        }
    }

    /** After a stop at the maximum duration: closes once the client pauses, or at the latest bound. */
    private void closeWhenQuiet() {
        if (!session.isOpen()) {
            return;
        }
        long now = System.nanoTime();
        long quietFor = now - lastIgnoredFrameNanos; // the stop itself when no frame came after it
        if (quietFor >= TimeUnit.MILLISECONDS.toNanos(STOP_QUIET_MILLIS)
            || now - stoppedNanos >= TimeUnit.MILLISECONDS.toNanos(STOP_CLOSE_AT_MOST_MILLIS)) {
            closeAfterMessages();
        } else {
            long wait = TimeUnit.MILLISECONDS.toNanos(STOP_QUIET_MILLIS) - quietFor;
            emulator.scheduler().schedule(this::closeWhenQuiet, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Closes 1000 once the messages queued before are sent (at once, but in realtime mode when the last is due). */
    private void closeAfterMessages() {
        if (emulator.settings().realtime()) {
            timed.at(timed.lastDue(), () -> close(1000, "Session complete"));
        } else {
            close(1000, "Session complete");
        }
    }

    /** Traffic that is not progress: a repeated in_progress status and a ping, until the client goes away. */
    private void keepAlive() {
        if (!session.isOpen()) {
            throw new IllegalStateException("session closed"); // ends the repetition
        }
        try {
            session.getBasicRemote().sendText(JSON.writeValueAsString(message("status").put("status", "in_progress")));
            session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void result(SpeechSegmenter.Span span, boolean lastOfAudio) throws IOException {
        String text = textFor(segmentIndex);
        if (lastOfAudio && segmentIndex < scriptTexts.size() - 1) {
            // The script has more text than the audio had segments: keep the words rather than lose them.
            text = String.join(" ", scriptTexts.subList(segmentIndex, scriptTexts.size()));
        }
        segmentIndex++;
        lastPartialAt = -1;
        ObjectNode result = message("result").put("transcript", text).put("time_start", span.start())
                .put("time_end", span.end()).put("channel", span.channel()).put("final", true);
        if (fault.is("late")) {
            heldResults.add(result);
        } else {
            send(result, span.end());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String textFor(int index) {
        if (index < scriptTexts.size()) {
            return scriptTexts.get(index);
        }
        return "[emulator: no transcript script for this label, segment " + (index + 1) + "]";
    }

    private ObjectNode message(String type) {
        ObjectNode node = JSON.createObjectNode().put("type", type);
        if (fault.is("noise")) {
            node.put("emulator_extra_field", 42);
        }
        return node;
    }

    private void send(ObjectNode message) throws IOException {
        send(message, 0);
    }

    /**
     * Sends now, or in realtime mode not before {@code audioSeconds} of the stream have passed on the wall clock
     * since the first audio arrived, and never before an earlier message: timed messages wait in one queue, in order.
     */
    private void send(ObjectNode message, double audioSeconds) throws IOException {
        if (!emulator.settings().realtime()) {
            write(message);
            return;
        }
        timed.at(firstAudioNanos == 0 ? System.nanoTime() : firstAudioNanos + (long) (audioSeconds * 1e9),
                () -> write(message));
    }

    private void write(ObjectNode message) throws IOException {
        if (fault.is("noise")) {
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

    private JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private void violation(int code, String why) {
        record.protocolViolation(why);
        close(code, why);
    }

    private void close(int code, String reason) {
        state = State.ENDED;
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
