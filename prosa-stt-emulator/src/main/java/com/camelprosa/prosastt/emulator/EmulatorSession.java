package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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

/**
 * One streaming session on the server side: the protocol's state machine, one instance per websocket. What it sends
 * goes through its {@link SessionOutbox}; the misbehaviour it acts out on demand is its {@link SessionFaults}.
 * Public only because Tyrus invokes websocket callbacks reflectively; not an API.
 */
public final class EmulatorSession extends Endpoint {

    static final String HEADER_KEY_PROPERTY = "prosa.emulator.headerKey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(EmulatorSession.class.getName());
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
    private final SessionOutbox out;

    private State state;
    private SessionFaults faults;
    private boolean includePartial;
    private ScriptedText scripted = new ScriptedText(List.of());
    private SpeechSegmenter segmenter;
    private final List<ObjectNode> heldResults = new ArrayList<>();
    private boolean inProgressSent;
    private double maxDuration;
    private volatile boolean stoppedAtLimit;
    private volatile long stoppedNanos;
    private volatile long lastIgnoredFrameNanos;

    EmulatorSession(ProsaSttEmulator emulator) {
        this.emulator = emulator;
        this.out = new SessionOutbox(record, emulator.settings().realtime(), emulator.scheduler(),
                () -> state = State.ENDED);
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        out.open(session);
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
            out.close(4000, "Invalid API key");
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
                scripted.results(),
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
            out.close(4000, "Missing API key: send x-api-key or a {\"token\"} message first");
        } else if (!emulator.settings().acceptsKey(token.asText())) {
            out.close(4000, "Invalid API key");
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
            out.close(4002, "Unknown model: " + model);
            return;
        }
        String label = config.path("label").isTextual() ? config.get("label").asText() : null;
        faults = new SessionFaults(Fault.fromLabel(label, emulator.nextFault()), out, record, emulator.scheduler(),
                () -> state = State.ENDED);
        if (faults.atConfiguration()) {
            return;
        }
        includePartial = config.path("include_partial").asBoolean(false);
        scripted = new ScriptedText(emulator.settings().script().segmentsFor(label));
        JsonNode audio = config.path("audio");
        maxDuration = faults.maxDuration(emulator.settings().maxDuration());
        record.maxDurationSeconds(maxDuration);
        segmenter = new SpeechSegmenter(audio.path("format").textValue(), audio.path("sample_rate").asInt(0),
                audio.path("channels").asInt(0), emulator.settings().voiceThreshold(), maxDuration);
        String jobId = UUID.randomUUID().toString();
        record.jobId(jobId);
        state = State.STREAMING;
        out.send(out.message("created").put("id", jobId));
        out.send(out.message("status").put("status", "created"));
    }

    private void onBinary(ByteBuffer data) {
        try {
            if (state == State.AWAIT_TOKEN) {
                out.close(4000, "Missing API key: send x-api-key or a {\"token\"} message first");
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
                out.closeAfterMessages();
            }
        } catch (IOException e) {
            violation(1011, "Internal error: " + e.getMessage());
        }
    }

    private void onAudio(ByteBuffer data) throws IOException {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        record.binaryFrame(chunk.length);
        out.audioStarted();
        if (!inProgressSent) {
            inProgressSent = true;
            out.send(out.message("status").put("status", "in_progress"));
        }
        if (faults.atAudio(segmenter.position())) {
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
        String partial = includePartial && segmenter.inSpeech()
                ? scripted.partial(segmenter.position(), segmenter.speechStart()) : null;
        if (partial != null) {
            out.send(out.message("partial").put("transcript", partial));
        }
    }

    private void onEndOfAudio() throws IOException {
        record.endOfAudio(true);
        state = State.ENDED;
        if (faults.atEndOfAudio()) {
            return;
        }
        List<SpeechSegmenter.Span> last = segmenter.finish();
        for (int i = 0; i < last.size(); i++) {
            result(last.get(i), i == last.size() - 1 && !segmenter.limitReached());
        }
        if (segmenter.limitReached()) {
            record.markMaxReached();
        }
        if (!faults.beforeConfirmation(this::finishSafely)) {
            finish();
        }
    }

    private void finishSafely() {
        try {
            finish();
        } catch (IOException e) {
            out.close(1011, "Internal error: " + e.getMessage());
        }
    }

    private void finish() throws IOException {
        for (ObjectNode held : heldResults) {
            out.send(held);
        }
        out.send(out.message("status").put("status", "complete"));
        double duration = segmenter.durationSeconds();
        ObjectNode meta = out.message("metadata");
        meta.put("duration", duration).put("quota_used", duration).put("max_reached", segmenter.limitReached())
                .put("max_duration", maxDuration);
        out.send(meta);
        if (faults.afterConfirmation(duration)) {
            return;
        }
        if (stoppedAtLimit) {
            emulator.scheduler().schedule(this::closeWhenQuiet, STOP_QUIET_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            out.closeAfterMessages();
        }
    }

    /** After a stop at the maximum duration: closes once the client pauses, or at the latest bound. */
    private void closeWhenQuiet() {
        if (!out.isOpen()) {
            return;
        }
        long now = System.nanoTime();
        long quietFor = now - lastIgnoredFrameNanos; // the stop itself when no frame came after it
        if (quietFor >= TimeUnit.MILLISECONDS.toNanos(STOP_QUIET_MILLIS)
            || now - stoppedNanos >= TimeUnit.MILLISECONDS.toNanos(STOP_CLOSE_AT_MOST_MILLIS)) {
            out.closeAfterMessages();
        } else {
            long wait = TimeUnit.MILLISECONDS.toNanos(STOP_QUIET_MILLIS) - quietFor;
            emulator.scheduler().schedule(this::closeWhenQuiet, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void result(SpeechSegmenter.Span span, boolean lastOfAudio) throws IOException {
        ObjectNode result = out.message("result").put("transcript", scripted.nextResult(lastOfAudio))
                .put("time_start", span.start()).put("time_end", span.end()).put("channel", span.channel())
                .put("final", true);
        if (faults.holdsResults()) {
            heldResults.add(result);
        } else {
            out.send(result, span.end());
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
        out.close(code, why);
    }
}
