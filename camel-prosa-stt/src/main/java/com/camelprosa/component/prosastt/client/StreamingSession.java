package com.camelprosa.component.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.grizzly.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming session: one websocket, one job. Opens the audio, connects, sends the configuration, uploads the
 * audio once the server has {@code created} the job, collects results, and completes {@link #result()} exactly once.
 * <p>
 * It succeeds only when the server confirmed the job ({@code status: complete} or its closing {@code metadata})
 * after all the audio and the end frame were sent; every other end is a typed failure. Bounds: the whole connect
 * within connectTimeout from the start of the connect; no stretch without progress (audio accepted, a new result or
 * partial) longer than responseTimeout; confirmation within finalizeTimeout of the end of the audio.
 */
final class StreamingSession implements UploadPump.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingSession.class);
    /** Tyrus closes with 1011 and this reason when a frame overflows its incoming buffer (sized to maxMessageSize). */
    private static final String TYRUS_BUFFER_OVERFLOW = "Buffer overflow.";
    /** A server that confirmed the job gets this long to send the rest (metadata or close) before we end it. */
    private static final long CONFIRMED_GRACE_MILLIS = 1000;
    /** How long a connection closed before the upgrade waits for Tyrus' own explanation (an HTTP status). */
    private static final long UPGRADE_VERDICT_GRACE_MILLIS = 300;

    private final StreamRequest request;
    private final AudioSource source;
    private final TyrusConnector connector;
    private final Executor senders;
    private final ScheduledExecutorService timers;
    private final Consumer<TranscriptEvent> listener;
    private final Runnable onEnd;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final CompletableFuture<String> created = new CompletableFuture<>();
    private final List<Segment> segments = new ArrayList<>();

    private volatile SessionPhase phase = SessionPhase.OPENING_AUDIO;
    private volatile long phaseStart = System.nanoTime();
    private volatile long lastProgress = System.nanoTime();
    private volatile long endFrameAt;
    private volatile long confirmedAt;
    private volatile InputStream audio;
    private volatile byte[] firstChunk;
    private volatile UploadPump pump;
    private volatile Session socket;
    private volatile Future<?> connecting;
    private volatile Connection<?> tcp;
    private volatile ScheduledFuture<?> watchdog;
    private volatile String jobId;
    private volatile boolean statusComplete;
    private volatile ServerMessage.Metadata metadata;
    private volatile String lastPartial;

    StreamingSession(StreamRequest request, AudioSource source, TyrusConnector connector, Executor senders,
                     ScheduledExecutorService timers, Consumer<TranscriptEvent> listener, Runnable onEnd) {
        this.request = request;
        this.source = source;
        this.connector = connector;
        this.senders = senders;
        this.timers = timers;
        this.listener = listener;
        this.onEnd = onEnd;
    }

    CompletableFuture<Transcript> result() {
        return result;
    }

    /** Completes with the job id when the server has created the job (or fails with the session). */
    CompletableFuture<String> created() {
        return created;
    }

    String jobId() {
        return jobId;
    }

    SessionPhase phase() {
        return phase;
    }

    void start() {
        try {
            long period = Math.max(5, Math.min(250, Math.min(request.responseTimeout(), request.connectTimeout()) / 4));
            watchdog = timers.scheduleWithFixedDelay(this::checkBounds, period, period, TimeUnit.MILLISECONDS);
            // Opening and reading the first chunk may block (a live stream): never on the caller's thread.
            senders.execute(this::openAudioAndConnect);
        } catch (RejectedExecutionException e) {
            fail(shutDown(e));
        }
    }

    /** Ends the session from outside (client shutdown, stream closed by its reader). */
    void abort(ProsaSttException why) {
        fail(why);
    }

    // ---- opening the audio and connecting

    private void openAudioAndConnect() {
        try {
            if (result.isDone()) {
                return;
            }
            InputStream in = source.open();
            audio = in;
            if (result.isDone()) { // aborted while the source was opening
                closeAudio();
                return;
            }
            byte[] head = in.readNBytes(request.chunkSize());
            AudioFormat format = AudioInspector.inspect(head, source.fileName(), request);
            firstChunk = head;
            double bytesPerSecond = request.realtime()
                    ? AudioPacing.bytesPerSecond(head, format, request.sampleRate(), request.channels()) : 0;
            pump = new UploadPump(in, source.mayBlock(), request.chunkSize(), bytesPerSecond, this::sendFrame, this,
                    senders, timers);
            String configuration = configuration(format);
            enter(SessionPhase.CONNECTING);
            connecting = connector.connect(request, new Socket(configuration), clientConfig(), this::connectFailed);
        } catch (ProsaSttException e) {
            fail(e);
        } catch (IOException e) {
            fail(new ProsaSttInvalidInputException("Cannot read the audio" + named() + ": "
                                                   + Failures.sentence(e.getMessage()) + ".", e));
        } catch (RejectedExecutionException e) {
            fail(shutDown(e));
        } catch (RuntimeException | Error e) {
            fail(new ProsaSttInvalidInputException("Cannot read the audio" + named() + " ("
                                                   + e.getClass().getSimpleName() + ": " + Failures.sentence(e.getMessage()) + ").", e));
        }
    }

    private void connectFailed(Throwable error) {
        if (!result.isDone()) {
            boolean timedOut = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - phaseStart) >= request.connectTimeout();
            fail(Failures.fromConnect(error, request.url(), timedOut));
        }
    }

    /** The Tyrus side of the session: a private adapter, so the session's own methods are not websocket callbacks. */
    private final class Socket extends Endpoint implements GrizzlyTransport.Watcher {
        private final String configuration;

        @Override
        public void connected(Connection<?> connection) {
            tcp = connection;
            if (result.isDone()) {
                connection.closeSilently(); // the connect bound passed while TCP was connecting
            }
        }

        @Override
        public void disconnected() {
            if (socket != null || result.isDone()) {
                return;
            }
            // Tyrus may still be reading the server's last words (an HTTP 401 or 429): let its verdict come first.
            ProsaSttConnectionException closed = new ProsaSttConnectionException("The server at " + request.url()
                                                                                 + " closed the TCP connection before answering the websocket upgrade. " + Failures.SEND_AGAIN,
                    ProsaSttException.NO_CLOSE_CODE, null, null);
            try {
                timers.schedule(() -> {
                    if (socket == null) {
                        fail(closed);
                        Future<?> c = connecting;
                        if (c != null) {
                            c.cancel(true);
                        }
                    }
                }, Math.min(UPGRADE_VERDICT_GRACE_MILLIS, request.connectTimeout()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                fail(closed);
            }
        }

        Socket(String configuration) {
            this.configuration = configuration;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            socket = session;
            if (result.isDone()) { // timed out or aborted while the upgrade was on its way
                connector.abort(session);
                return;
            }
            session.setMaxTextMessageBufferSize(request.maxMessageSize());
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) StreamingSession.this::onText);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) StreamingSession.this::onBinary);
            enter(SessionPhase.AWAITING_CREATED);
            progress();
            try {
                if (request.authMode() == AuthMode.message) {
                    UnloggedApiKey.sendToken(session.getBasicRemote(), request.apiKey());
                }
                session.getAsyncRemote().sendText(configuration);
            } catch (IOException | RuntimeException e) {
                StreamingSession.this.onError(e);
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            StreamingSession.this.onClose(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }

        @Override
        public void onError(Session session, Throwable error) {
            StreamingSession.this.onError(error);
        }
    }

    // ---- the upload (UploadPump.Owner)

    private void sendFrame(ByteBuffer frame, Consumer<Throwable> done) {
        socket.getAsyncRemote().sendBinary(frame, sent -> done.accept(sent.isOK() ? null : sent.getException()));
    }

    @Override
    public boolean isOpen() {
        return !result.isDone();
    }

    @Override
    public void audioWritten() {
        progress();
    }

    @Override
    public void endFrameQueued() {
        closeAudio();
        endFrameAt = System.nanoTime();
        enter(SessionPhase.AWAITING_CONFIRMATION);
        finishIfConfirmed();
    }

    @Override
    public void uploadFailed(ProsaSttException error) {
        fail(error);
    }

    /**
     * A server that ends the session (quota, close code) makes the send fail too, and its explanation may still be on
     * its way in: give it a moment to arrive before calling this a dropped connection.
     */
    @Override
    public void writeFailed(Throwable error) {
        if (result.isDone()) {
            return;
        }
        ProsaSttConnectionException dropped = new ProsaSttConnectionException("Sending audio to Prosa STT failed"
                                                                              + " after " + sentBytes() + " bytes (" + Failures.rootMessage(error) + "). " + Failures.SEND_AGAIN,
                ProsaSttException.NO_CLOSE_CODE, null, error);
        try {
            timers.schedule(() -> fail(dropped), Math.min(request.responseTimeout(), CONFIRMED_GRACE_MILLIS),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            fail(dropped);
        }
    }

    // ---- what the server says

    private void onText(String text) {
        try {
            handle(ServerMessage.parse(text));
        } catch (RuntimeException | Error e) {
            fail(new ProsaSttProtocolException("Handling a Prosa STT message failed while " + phase + " ("
                                               + e.getClass().getSimpleName() + ").", ProsaSttException.NO_CLOSE_CODE, null, e));
        }
    }

    private void handle(ServerMessage message) {
        if (message instanceof ServerMessage.Created c) {
            jobId = c.jobId();
            if (created.complete(c.jobId())) { // false for a repeated 'created', or a session already failed
                enter(SessionPhase.SENDING_AUDIO);
                byte[] first = firstChunk;
                firstChunk = null;
                execute(() -> pump.start(first));
            }
        } else if (message instanceof ServerMessage.Status s) {
            if (s.isComplete() && !statusComplete) {
                statusComplete = true;
                confirmed();
            } else if (s.isFailed()) {
                fail(new ProsaSttConnectionException("Prosa STT reported the job " + jobId + " as failed. "
                                                     + Failures.SEND_AGAIN, ProsaSttException.NO_CLOSE_CODE, null, null));
            }
        } else if (message instanceof ServerMessage.Partial p) {
            if (statusComplete) {
                return;
            }
            if (!p.text().equals(lastPartial)) {
                lastPartial = p.text();
                progress();
            }
            emit(new TranscriptEvent(TranscriptEvent.Type.PARTIAL, p.text(), null, null, jobId));
        } else if (message instanceof ServerMessage.Result r) {
            if (statusComplete) {
                LOG.debug("Ignoring a result after job {} was confirmed complete", jobId);
                return;
            }
            synchronized (segments) {
                segments.add(new Segment(r.text(), r.start(), r.end()));
            }
            lastPartial = null;
            progress();
            emit(new TranscriptEvent(TranscriptEvent.Type.RESULT, r.text(), r.start(), r.end(), jobId));
        } else if (message instanceof ServerMessage.Metadata m) {
            if (metadata == null) {
                metadata = m;
                confirmed();
            }
        } else if (message instanceof ServerMessage.Quota q) {
            fail(new ProsaSttQuotaExceededException("Prosa STT quota ran out during the session (quota_used="
                                                    + q.quotaUsed() + "). Buy more quota in the Prosa Console, then send again.",
                    ProsaSttException.NO_CLOSE_CODE, null));
        } else if (message instanceof ServerMessage.Ignored i) {
            LOG.debug("Ignoring a Prosa STT message: {}", i.why());
        }
    }

    private void onBinary(ByteBuffer data) {
        fail(new ProsaSttProtocolException("Prosa STT sent a binary frame (" + data.remaining() + " bytes) while "
                                           + phase + "; the protocol has only text messages from the server. Check that the url option points at"
                                           + " the Prosa STT streaming API.", ProsaSttException.NO_CLOSE_CODE, null));
    }

    private void confirmed() {
        if (endFrameAt == 0) {
            ServerMessage.Metadata m = metadata;
            boolean maxReached = m != null && Boolean.TRUE.equals(m.maxReached());
            fail(maxReached
                    ? new ProsaSttInvalidInputException("The audio is longer than Prosa STT's maximum session ("
                                                        + (m.maxDuration() == null ? "max_duration" : m.maxDuration() + " s")
                                                        + "): the server ended the job after " + sentBytes() + " bytes. Split the audio into shorter parts.")
                    : new ProsaSttConnectionException("Prosa STT confirmed the job while the audio was still being sent"
                                                      + " (" + sentBytes() + " bytes sent, no end frame yet): the transcript would miss the rest. "
                                                      + Failures.SEND_AGAIN, ProsaSttException.NO_CLOSE_CODE, null, null));
            return;
        }
        confirmedAt = System.nanoTime();
        progress();
        finishIfConfirmed();
    }

    private void finishIfConfirmed() {
        if (endFrameAt != 0 && statusComplete && metadata != null) {
            complete();
        }
    }

    private boolean isConfirmed() {
        return endFrameAt != 0 && confirmedAt != 0;
    }

    private void onClose(int code, String reason) {
        if (isConfirmed()) {
            complete(); // the server confirmed the job: how the socket ends does not change the transcript
        } else if (code == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()) {
            fail(new ProsaSttConnectionException("Prosa STT closed the session (close 1000" + reasonOf(reason)
                                                 + ") without confirming the job: " + missing() + ". The transcript may be incomplete, so none is"
                                                 + " returned. " + Failures.SEND_AGAIN, code, reason, null));
        } else if (code == CloseReason.CloseCodes.TOO_BIG.getCode()
                   || code == 1011 && TYRUS_BUFFER_OVERFLOW.equals(reason)) {
            fail(new ProsaSttProtocolException("Prosa STT sent a message larger than maxMessageSize="
                                               + request.maxMessageSize() + " bytes while " + phase + "; the session was closed. Raise"
                                               + " maxMessageSize only if the server is known to send such messages.", code, reason));
        } else if (code >= 4000) {
            fail(Failures.fromClose(code, reason, phase));
        } else {
            fail(new ProsaSttConnectionException("Prosa STT session ended abnormally (close " + code + reasonOf(reason)
                                                 + ") without confirming the job: " + missing() + ". " + Failures.SEND_AGAIN, code, reason, null));
        }
    }

    private void onError(Throwable error) {
        if (isConfirmed()) {
            complete();
            return;
        }
        fail(new ProsaSttConnectionException("The connection to Prosa STT failed while " + phase + " ("
                                             + Failures.rootMessage(error) + "). " + Failures.SEND_AGAIN,
                ProsaSttException.NO_CLOSE_CODE, null, error));
    }

    /** What the server did not confirm, and how far the upload got. */
    private String missing() {
        if (endFrameAt == 0) {
            return "it closed while " + phase + ", after " + sentBytes() + " bytes of audio, before the end of the audio";
        }
        return "all " + sentBytes() + " bytes of audio and the end frame were sent, but no 'status: complete' and no"
               + " 'metadata' arrived";
    }

    private long sentBytes() {
        UploadPump p = pump;
        return p == null ? 0 : p.bytesWritten();
    }

    // ---- bounds

    private void checkBounds() {
        try {
            long now = System.nanoTime();
            SessionPhase p = phase;
            long sinceProgress = TimeUnit.NANOSECONDS.toMillis(now - lastProgress);
            if (isConfirmed() && TimeUnit.NANOSECONDS.toMillis(now - confirmedAt) > CONFIRMED_GRACE_MILLIS) {
                complete(); // confirmed, but the rest (metadata or close) never came
            } else if (p == SessionPhase.CONNECTING
                       && TimeUnit.NANOSECONDS.toMillis(now - phaseStart) > request.connectTimeout()) {
                boolean tls = request.url().regionMatches(true, 0, "wss:", 0, 4);
                fail(new ProsaSttTimeoutException("Could not connect to " + request.url() + " within connectTimeout="
                                                  + request.connectTimeout() + " ms: " + (tcp == null ? "the TCP connection was not accepted"
                                                          : tls ? "TCP connected, but the TLS handshake and websocket upgrade did not complete (a server that"
                                                                  + " speaks plain websocket behaves so: then use a ws:// url)"
                                                          : "TCP connected, but the server did not answer the websocket upgrade")
                                                  + ". Check the url option and the network, or raise connectTimeout."));
                Future<?> c = connecting;
                if (c != null) {
                    c.cancel(true); // frees the connect thread; the failure above was first, so it stands
                }
            } else if (p == SessionPhase.AWAITING_CONFIRMATION
                       && TimeUnit.NANOSECONDS.toMillis(now - endFrameAt) > request.finalizeTimeout()) {
                fail(new ProsaSttTimeoutException("Prosa STT did not confirm the job within finalizeTimeout="
                                                  + request.finalizeTimeout() + " ms after the end of the audio (" + sentBytes()
                                                  + " bytes sent). " + Failures.SEND_AGAIN + " Raise finalizeTimeout for very long audio."));
            } else if (p != SessionPhase.CONNECTING && sinceProgress > request.responseTimeout()) {
                fail(new ProsaSttTimeoutException("No progress for " + sinceProgress + " ms while " + p
                                                  + " (responseTimeout=" + request.responseTimeout() + " ms; " + sentBytes()
                                                  + " bytes of audio sent). The server may be overloaded or the connection stalled. "
                                                  + Failures.SEND_AGAIN + " Or raise responseTimeout."));
            }
        } catch (RuntimeException | Error e) {
            fail(new ProsaSttConnectionException("The session's watchdog failed (" + e.getClass().getSimpleName()
                                                 + ").", ProsaSttException.NO_CLOSE_CODE, null, e));
        }
    }

    private void enter(SessionPhase next) {
        phaseStart = System.nanoTime();
        lastProgress = phaseStart;
        phase = next;
    }

    private void progress() {
        lastProgress = System.nanoTime();
    }

    // ---- the end

    private void complete() {
        List<Segment> finals;
        synchronized (segments) {
            finals = List.copyOf(segments);
        }
        String text = finals.stream().map(Segment::text).filter(t -> !t.isBlank()).collect(Collectors.joining(" "));
        ServerMessage.Metadata m = metadata;
        Transcript transcript = new Transcript(jobId, text, finals, m == null ? null : m.duration(),
                m == null ? null : m.quotaUsed(), m == null ? null : m.maxReached(), m == null ? null : m.maxDuration());
        if (result.complete(transcript)) {
            phase = SessionPhase.ENDED;
            emit(new TranscriptEvent(TranscriptEvent.Type.END, text, null, null, jobId));
            cleanUp(false);
        }
    }

    private void fail(ProsaSttException error) {
        if (result.completeExceptionally(error)) {
            phase = SessionPhase.ENDED;
            created.completeExceptionally(error);
            LOG.debug("Prosa STT session {} failed: {}", jobId, error.getMessage());
            cleanUp(true);
        }
    }

    private void emit(TranscriptEvent event) {
        if (listener == null) {
            return;
        }
        try {
            listener.accept(event);
        } catch (ProsaSttException e) {
            fail(e);
        }
    }

    private void cleanUp(boolean abort) {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        closeAudio();
        Session s = socket;
        Connection<?> pending = tcp;
        if (s == null && pending != null) {
            pending.closeSilently(); // the upgrade never completed: nobody else will close this connection
        }
        if (s != null && s.isOpen()) {
            if (abort) {
                connector.abort(s); // a failed peer may never answer a close frame: end the TCP connection now
            } else {
                try {
                    s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "Client done"));
                } catch (IOException | RuntimeException e) {
                    connector.abort(s);
                }
            }
        }
        onEnd.run();
    }

    private void closeAudio() {
        InputStream in = audio;
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the audio failed: {}", e.getMessage());
            }
        }
    }

    private void execute(Runnable task) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException e) {
            fail(shutDown(e));
        }
    }

    private static ProsaSttConnectionException shutDown(Throwable cause) {
        return new ProsaSttConnectionException("The Prosa STT client was shut down while the session was open. "
                                               + Failures.SEND_AGAIN, ProsaSttException.NO_CLOSE_CODE, null, cause);
    }

    private String named() {
        return source.fileName() == null ? "" : " (" + source.fileName() + ")";
    }

    private static String reasonOf(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + Failures.sentence(reason);
    }

    // ---- what is sent

    private String configuration(AudioFormat format) {
        ObjectNode config = ServerMessage.JSON.createObjectNode();
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

    @Override
    public String toString() {
        return "StreamingSession[job=" + jobId + ", phase=" + phase + "]";
    }
}
