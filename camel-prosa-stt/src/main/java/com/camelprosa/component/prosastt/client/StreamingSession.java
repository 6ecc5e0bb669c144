package com.camelprosa.component.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.core.HandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming session: one websocket, one job. Opens the audio, connects, sends the configuration, uploads the
 * audio once the server has {@code created} the job, collects results, and completes {@link #result()} exactly once:
 * on the server's close, on an error, or when the server stays silent longer than the response timeout.
 * <p>
 * Public only because Tyrus invokes websocket callbacks reflectively; not an API: use {@link ProsaSttClient}.
 */
public final class StreamingSession extends Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEND_FAILURE_GRACE_MILLIS = 1000;
    /** Tyrus closes with 1011 and this reason when a frame overflows its incoming buffer (sized to maxMessageSize). */
    private static final String TYRUS_BUFFER_OVERFLOW = "Buffer overflow.";

    private final StreamRequest request;
    private final AudioSource source;
    private final ClientManager manager;
    private final Executor connectors;
    private final Executor senders;
    private final ScheduledExecutorService timers;
    private final Runnable onEnd;
    private final Consumer<TranscriptEvent> listener;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final CompletableFuture<String> created = new CompletableFuture<>();
    private final List<Segment> segments = new ArrayList<>();

    private volatile String phase = "opening the audio";
    private volatile long lastActivity = System.nanoTime();
    private volatile InputStream audio;
    private volatile byte[] firstChunk;
    private volatile Session socket;
    private volatile ScheduledFuture<?> watchdog;
    private volatile boolean endOfAudioSent;
    private volatile boolean statusComplete;
    private volatile String jobId;
    private volatile JsonNode metadata;
    private volatile double bytesPerSecond;
    private volatile long uploadStart;
    private volatile long queuedBytes;
    private volatile boolean audioEnded;
    private final Queue<byte[]> freeBuffers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean endOfAudioQueued = new AtomicBoolean();

    StreamingSession(StreamRequest request, AudioSource source, ClientManager manager, Executor connectors,
                     Executor senders, ScheduledExecutorService timers, Consumer<TranscriptEvent> listener,
                     Runnable onEnd) {
        this.connectors = connectors;
        this.request = request;
        this.listener = listener;
        this.source = source;
        this.manager = manager;
        this.senders = senders;
        this.timers = timers;
        this.onEnd = onEnd;
    }

    CompletableFuture<Transcript> result() {
        return result;
    }

    /** Completes with the job id when the server has created the job (or fails with the session). */
    CompletableFuture<String> created() {
        return created;
    }

    void start() {
        long period = Math.max(5, Math.min(500, request.responseTimeout() / 4));
        watchdog = timers.scheduleWithFixedDelay(this::checkSilence, period, period, TimeUnit.MILLISECONDS);
        connectors.execute(this::openAndConnect);
    }

    /** Ends the session from outside (client shutdown). */
    void abort(String why) {
        fail(new ProsaSttConnectionException(why, ProsaSttException.NO_CLOSE_CODE, null, null));
    }

    private void openAndConnect() {
        if (result.isDone()) {
            return; // timed out or aborted while waiting for a connector
        }
        try {
            byte[] head;
            try {
                audio = source.open();
                head = audio.readNBytes(request.chunkSize());
            } catch (IOException e) {
                throw new ProsaSttInvalidInputException("Cannot read the audio"
                                                        + (source.fileName() == null ? "" : " (" + source.fileName() + ")")
                                                        + ": " + e.getMessage(), e);
            }
            if (head.length == 0) {
                throw new ProsaSttInvalidInputException(
                        "The audio is empty" + (source.fileName() == null ? "" : " (" + source.fileName() + ")")
                                                        + ": nothing was sent and no quota was spent. Send a non-empty audio file.");
            }
            firstChunk = head;
            AudioFormat format = resolveFormat(head);
            if (request.realtime()) {
                bytesPerSecond = AudioPacing.bytesPerSecond(head, format, request.sampleRate(), request.channels());
            }
            String configuration = configuration(format);
            phase = "connecting to " + request.url();
            touch();
            Session s = manager.connectToServer(this, clientConfig(), URI.create(request.url()));
            if (result.isDone()) {
                closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, "Session ended");
                return;
            }
            phase = "waiting for the server to create the job";
            touch();
            if (request.authMode() == AuthMode.message) {
                UnloggedApiKey.sendToken(s.getBasicRemote(), request.apiKey());
            }
            s.getBasicRemote().sendText(configuration);
        } catch (ProsaSttException e) {
            fail(e);
        } catch (Exception e) {
            fail(connectFailure(e));
        }
    }

    /**
     * Sends the audio in chunks with at most {@code maxInFlight} of them handed to the socket and not yet written
     * (two, so reading the next chunk overlaps writing this one; one with realtime pacing). A slow server therefore
     * slows the reading instead of filling the heap, and no thread waits in between: each written chunk triggers the
     * next read. With realtime pacing a chunk is sent when the audio before it has "played".
     */
    private void startUpload() {
        phase = "sending audio";
        uploadStart = System.nanoTime();
        int maxInFlight = bytesPerSecond > 0 ? 1 : 2;
        for (int i = 0; i < maxInFlight; i++) {
            freeBuffers.add(new byte[request.chunkSize()]);
        }
        byte[] first = firstChunk;
        firstChunk = null;
        inFlight.incrementAndGet();
        queuedBytes = first.length;
        send(first, first.length, false);
    }

    /** Reads and sends chunks while buffers are free; one pump at a time, re-run by every completed write. */
    private void pump() {
        if (!pumping.compareAndSet(false, true)) {
            return;
        }
        try {
            byte[] buffer;
            while (!result.isDone() && !audioEnded && (buffer = freeBuffers.poll()) != null) {
                int n = readAvailable(buffer);
                if (n < 0) {
                    freeBuffers.add(buffer);
                    audioEnded = true;
                    break;
                }
                byte[] chunk = buffer;
                long delay = bytesPerSecond > 0
                        ? uploadStart + (long) (queuedBytes / bytesPerSecond * 1e9) - System.nanoTime() : 0;
                queuedBytes += n;
                inFlight.incrementAndGet();
                if (delay > 0) {
                    // An async send only queues the frame: the timer thread can do it without a hand-off.
                    timers.schedule(() -> send(chunk, n, true), delay, TimeUnit.NANOSECONDS);
                } else {
                    send(chunk, n, true);
                }
            }
        } catch (IOException e) {
            fail(new ProsaSttInvalidInputException("Reading the audio failed while sending it: " + e.getMessage(), e));
        } finally {
            pumping.set(false);
        }
        if (result.isDone()) {
            return;
        }
        if (audioEnded && inFlight.get() == 0) {
            sendEndOfAudio();
        } else if (!audioEnded && !freeBuffers.isEmpty()) {
            execute(this::pump); // a write completed while this pump was finishing
        }
    }

    /**
     * Reads what the audio has now, up to a chunk: a live stream that has produced only part of a chunk is sent
     * as it is rather than held back. Returns -1 at the end of the audio.
     */
    private int readAvailable(byte[] into) throws IOException {
        int n = audio.read(into, 0, into.length);
        while (n >= 0 && n < into.length && audio.available() > 0) {
            int more = audio.read(into, n, into.length - n);
            if (more < 0) {
                break;
            }
            n += more;
        }
        return n;
    }

    private void send(byte[] data, int length, boolean pooled) {
        if (result.isDone()) {
            return;
        }
        try {
            socket.getAsyncRemote().sendBinary(ByteBuffer.wrap(data, 0, length), sent -> {
                if (!sent.isOK()) {
                    sendFailed(sent.getException());
                    return;
                }
                touch();
                if (pooled) {
                    freeBuffers.add(data);
                }
                inFlight.decrementAndGet();
                if (source.mayBlock()) {
                    execute(this::pump);
                } else {
                    pump(); // a file or bytes: reading the next chunk here is quicker than a thread hand-off
                }
            });
        } catch (RuntimeException e) {
            sendFailed(e);
        }
    }

    private void sendEndOfAudio() {
        if (!endOfAudioQueued.compareAndSet(false, true)) {
            return;
        }
        closeAudio();
        // Set first: a fast server may answer the end frame and close before the send completes.
        endOfAudioSent = true;
        phase = "waiting for the final results";
        try {
            socket.getAsyncRemote().sendBinary(ByteBuffer.allocate(0), sent -> {
                if (sent.isOK()) {
                    touch();
                } else {
                    sendFailed(sent.getException());
                }
            });
        } catch (RuntimeException e) {
            sendFailed(e);
        }
    }

    /**
     * A server that ends the session (quota, close code) makes the send fail too, and its explanation may still be
     * on its way in: give it a moment to arrive before calling this a dropped connection.
     */
    private void sendFailed(Throwable e) {
        if (result.isDone()) {
            return;
        }
        ProsaSttConnectionException dropped = new ProsaSttConnectionException(
                "Sending audio to Prosa STT failed: " + e.getMessage() + ". The whole audio can be sent again.",
                ProsaSttException.NO_CLOSE_CODE, null, e);
        timers.schedule(() -> fail(dropped), Math.min(request.responseTimeout(), SEND_FAILURE_GRACE_MILLIS),
                TimeUnit.MILLISECONDS);
    }

    private void execute(Runnable task) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException e) {
            abort("The Prosa STT client was shut down while the session was open.");
        }
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        socket = session;
        session.setMaxTextMessageBufferSize(request.maxMessageSize());
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
    }

    private void onText(String text) {
        touch();
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            LOG.debug("Ignoring a message that is not JSON ({} chars)", text.length());
            return;
        }
        switch (message.path("type").asText("")) {
            case "created" -> {
                jobId = message.path("id").asText(null);
                if (created.complete(jobId)) { // false for a repeated 'created', or a session already failed
                    execute(this::startUpload);
                }
            }
            case "status" -> onStatus(message.path("status").asText(""));
            case "partial" -> emit(new TranscriptEvent(TranscriptEvent.Type.PARTIAL,
                    message.path("transcript").asText(""), null, null, jobId));
            case "result" -> {
                Segment segment = new Segment(message.path("transcript").asText(""),
                        message.path("time_start").asDouble(), message.path("time_end").asDouble());
                synchronized (segments) {
                    segments.add(segment);
                }
                emit(new TranscriptEvent(TranscriptEvent.Type.RESULT, segment.text(), segment.start(), segment.end(),
                        jobId));
            }
            case "metadata" -> metadata = message;
            case "quota" -> fail(new ProsaSttQuotaExceededException(
                    "Prosa STT quota ran out during the session (quota_used=" + message.path("quota_used").asText()
                                                                    + "). Buy more quota in the Prosa Console, then send again.",
                    ProsaSttException.NO_CLOSE_CODE, null));
            default -> LOG.trace("Ignoring message of type {}", message.path("type").asText());
        }
    }

    private void onStatus(String status) {
        if ("complete".equals(status)) {
            statusComplete = true;
        } else if ("failed".equals(status)) {
            fail(new ProsaSttConnectionException(
                    "Prosa STT reported the job " + jobId + " as failed. The whole audio can be sent again.",
                    ProsaSttException.NO_CLOSE_CODE, null, null));
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        int code = reason.getCloseCode().getCode();
        if (code == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode() && (endOfAudioSent || statusComplete)) {
            complete();
        } else if (code == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()) {
            fail(new ProsaSttConnectionException(
                    "Prosa STT closed the session while " + phase + ", before the audio was complete"
                                                 + " (close 1000: " + reason.getReasonPhrase() + "). The whole audio can be sent again.",
                    code, reason.getReasonPhrase(), null));
        } else if (code == CloseReason.CloseCodes.TOO_BIG.getCode() || code == 1011 && TYRUS_BUFFER_OVERFLOW.equals(
                reason.getReasonPhrase())) {
            fail(new ProsaSttProtocolException("Prosa STT sent a message larger than maxMessageSize="
                                               + request.maxMessageSize() + " bytes while " + phase
                                               + "; the session was closed. Raise maxMessageSize only if the"
                                               + " server is known to send such messages.",
                    code, reason.getReasonPhrase()));
        } else {
            fail(ProsaSttException.fromClose(code, reason.getReasonPhrase()));
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        fail(new ProsaSttConnectionException(
                "The connection to Prosa STT failed while " + phase + ": " + error.getMessage()
                                             + ". The whole audio can be sent again.",
                ProsaSttException.NO_CLOSE_CODE, null, error));
    }

    private void complete() {
        List<Segment> finals;
        synchronized (segments) {
            finals = List.copyOf(segments);
        }
        String text = finals.stream().map(Segment::text).filter(t -> !t.isBlank()).collect(Collectors.joining(" "));
        JsonNode m = metadata;
        Transcript transcript = new Transcript(jobId, text, finals, number(m, "duration"), number(m, "quota_used"),
                m == null || !m.has("max_reached") ? null : m.get("max_reached").asBoolean(), number(m, "max_duration"));
        if (result.complete(transcript)) {
            emit(new TranscriptEvent(TranscriptEvent.Type.END, text, null, null, jobId));
            cleanUp();
        }
    }

    private void emit(TranscriptEvent event) {
        if (listener != null) {
            listener.accept(event);
        }
    }

    private void fail(ProsaSttException error) {
        if (result.completeExceptionally(error)) {
            created.completeExceptionally(error);
            LOG.debug("Prosa STT session {} failed: {}", jobId, error.getMessage());
            cleanUp();
        }
    }

    private void cleanUp() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        closeAudio();
        Session s = socket;
        if (s != null && s.isOpen()) {
            closeQuietly(s, CloseReason.CloseCodes.NORMAL_CLOSURE, "Client done");
        }
        onEnd.run();
    }

    private void checkSilence() {
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
        if (silentMillis > request.responseTimeout()) {
            fail(new ProsaSttTimeoutException(
                    "No progress for " + silentMillis + " ms while " + phase + " (responseTimeout="
                                              + request.responseTimeout() + " ms). The server may be overloaded or the"
                                              + " connection stalled; the whole audio can be sent again, or raise responseTimeout."));
        }
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    private AudioFormat resolveFormat(byte[] head) {
        AudioFormat format = AudioFormat.fromName(request.audioFormat());
        if (format == null) {
            format = AudioFormat.detect(head, head.length);
        }
        if (format == null) {
            format = AudioFormat.fromFileName(source.fileName());
        }
        if (format != null) {
            request.checkRawFormat(format);
        }
        return format;
    }

    private String configuration(AudioFormat format) {
        ObjectNode config = JSON.createObjectNode();
        config.put("model", request.model());
        config.put("label", request.label());
        config.put("include_partial", request.includePartial());
        config.put("include_filler", request.includeFiller());
        if (format != null) {
            ObjectNode audioNode = config.putObject("audio").put("format", format.wireName());
            if (request.sampleRate() != null) {
                audioNode.put("sample_rate", request.sampleRate());
            }
            if (request.channels() != null) {
                audioNode.put("channels", request.channels());
            } else if (format.isRaw()) {
                audioNode.put("channels", 1); // raw audio says nothing of its layout: mono unless told otherwise
            }
        }
        return config.toString();
    }

    private ClientEndpointConfig clientConfig() {
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create();
        if (request.authMode() == AuthMode.header) {
            builder.configurator(new ClientEndpointConfig.Configurator() {
                @Override
                public void beforeRequest(Map<String, List<String>> headers) {
                    headers.put("x-api-key", UnloggedApiKey.headerValue(request.apiKey()));
                }
            });
        }
        return builder.build();
    }

    private ProsaSttException connectFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HandshakeException h) {
                int status = h.getHttpStatusCode();
                if (status == 401 || status == 403) {
                    return new ProsaSttAuthenticationException(
                            "Prosa STT refused the API key at the websocket upgrade (HTTP " + status + "). Set a valid"
                                                               + " key in the apiKey option (for example from PROSA_API_KEY); keys come from the Prosa Console.",
                            ProsaSttException.NO_CLOSE_CODE, "HTTP " + status, null);
                }
                return new ProsaSttConnectionException(
                        "Prosa STT refused the websocket upgrade at " + request.url() + " (HTTP " + status
                                                       + "). Check the url option; the whole audio can be sent again.",
                        ProsaSttException.NO_CLOSE_CODE, "HTTP " + status, null);
            }
            if (t instanceof SSLException) {
                return new ProsaSttConnectionException(
                        "TLS handshake with " + request.url() + " failed (" + t.getMessage() + "): the server's"
                                                       + " certificate is not trusted or does not name this host. Set sslContextParameters with a"
                                                       + " trust store holding the server's CA, and connect by the name on the certificate.",
                        ProsaSttException.NO_CLOSE_CODE, null, null, false);
            }
            if (t instanceof ConnectException) {
                return new ProsaSttConnectionException(
                        "Cannot connect to " + request.url() + " (" + t.getMessage()
                                                       + "). Check the url option and that the service is reachable.",
                        ProsaSttException.NO_CLOSE_CODE, null, null);
            }
        }
        return new ProsaSttConnectionException(
                "Cannot open a websocket to " + request.url() + " within connectTimeout=" + request.connectTimeout()
                                               + " ms: " + e.getMessage() + ". Check the url option and the network.",
                ProsaSttException.NO_CLOSE_CODE, null, null);
    }

    private static Double number(JsonNode node, String field) {
        return node == null || !node.path(field).isNumber() ? null : node.get(field).asDouble();
    }

    private void closeAudio() {
        InputStream in = audio;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("Closing the audio failed: {}", e.getMessage());
            }
        }
    }

    private static void closeQuietly(Session s, CloseReason.CloseCode code, String reason) {
        try {
            s.close(new CloseReason(code, reason));
        } catch (IOException | RuntimeException e) {
            LOG.trace("Closing the websocket failed: {}", e.getMessage());
        }
    }
}
