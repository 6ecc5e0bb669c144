package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming session: one websocket, one job. Opens the audio, connects, sends the configuration, uploads the
 * audio once the server has {@code created} the job, collects results, and completes {@link #result()} exactly once.
 * <p>
 * It succeeds only when the server confirmed the job ({@code status: complete} or its closing {@code metadata})
 * after all the audio and the end frame were sent; every other end is a typed failure. The bounds are kept by
 * {@link SessionClock}.
 */
final class StreamingSession implements Job, UploadPump.Owner, SessionConnection.Events {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingSession.class);
    /** Tyrus closes with 1011 and this reason when a frame overflows its incoming buffer (sized to maxMessageSize). */
    private static final String TYRUS_BUFFER_OVERFLOW = "Buffer overflow.";

    private final StreamRequest request;
    private final AudioSource source;
    private final Executor senders;
    private final ScheduledExecutorService timers;
    private final Consumer<TranscriptEvent> listener;
    private final Runnable onEnd;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final CompletableFuture<String> created = new CompletableFuture<>();
    private final SessionClock clock = new SessionClock();
    private final JobResults job = new JobResults();
    /** Set once, by the first of complete() and fail(): the session's one end. */
    private final AtomicBoolean ended = new AtomicBoolean();

    private volatile InputStream audio;
    private volatile byte[] firstChunk;
    private volatile UploadPump pump;
    private final SessionConnection connection;
    private volatile ScheduledFuture<?> watchdog;
    /** The audio's byte rate when it announces one (WAV, raw with a rate), else 0: to check the server's duration. */
    private volatile double audioBytesPerSecond;
    /** A further bound the session's watchdog checks (a TranscriptStream nobody reads), or null. */
    private volatile Supplier<ProsaSttException> alsoCheck;
    private volatile Consumer<Double> maxDurationListener;
    /** The request's observer, told of this session's milestones. */
    private final ObservedMilestones milestones;

    StreamingSession(StreamRequest request, AudioSource source, TyrusConnector connector, Executor senders,
                     ScheduledExecutorService timers, Consumer<TranscriptEvent> listener, Runnable onEnd) {
        this.request = request;
        this.source = source;
        this.senders = senders;
        this.timers = timers;
        this.listener = listener;
        this.onEnd = onEnd;
        this.connection = new SessionConnection(request, connector, timers, this);
        this.milestones = new ObservedMilestones(request.observer());
        result.whenComplete((t, e) -> {
            if (e instanceof java.util.concurrent.CancellationException) { // the caller gave up: end the session
                fail(new ProsaSttConnectionException("The session was cancelled by its caller.",
                        ProsaSttException.NO_CLOSE_CODE, null, e));
            }
        });
    }

    @Override
    public CompletableFuture<Transcript> result() {
        return result;
    }

    /** Completes with the job id when the server has created the job (or fails with the session). */
    @Override
    public CompletableFuture<String> created() {
        return created;
    }

    @Override
    public String jobId() {
        return job.jobId();
    }

    @Override
    public String state() {
        return clock.phase().toString();
    }

    SessionPhase phase() {
        return clock.phase();
    }

    void start() {
        milestones.started();
        try {
            long period = Math.max(5, Math.min(250, Math.min(request.responseTimeout(), request.connectTimeout()) / 4));
            watchdog = timers.scheduleWithFixedDelay(this::checkBounds, period, period, TimeUnit.MILLISECONDS);
            if (source.mayBlock()) {
                senders.execute(this::openAudioAndConnect); // a live stream's first chunk may take a while
            } else {
                openAudioAndConnect(); // a file or bytes: a quick local read, and no thread per session in a burst
            }
        } catch (RejectedExecutionException e) {
            fail(shutDown(e));
        }
    }

    /** Tells {@code listener} the server's max_duration when its metadata announces one. */
    void onMaxDuration(Consumer<Double> listener) {
        maxDurationListener = listener;
    }

    /** Adds a bound to the session's watchdog: a non-null answer fails the session. */
    @Override
    public void alsoCheck(Supplier<ProsaSttException> check) {
        alsoCheck = check;
    }

    /** Ends the session from outside (client shutdown, stream closed by its reader). */
    @Override
    public void abort(ProsaSttException why) {
        fail(why);
    }

    // ---- opening the audio and connecting

    private void openAudioAndConnect() {
        try {
            if (ended.get()) {
                return;
            }
            InputStream in = source.open();
            audio = in;
            if (ended.get()) { // aborted while the source was opening
                closeAudio();
                return;
            }
            AudioFormat format;
            double bytesPerSecond;
            if (source instanceof KnownAudio known) { // a part of a live stream: connect before its audio comes
                format = known.format();
                audioBytesPerSecond = known.bytesPerSecond();
                bytesPerSecond = request.realtime() ? audioBytesPerSecond : 0;
            } else {
                byte[] head = in.readNBytes(request.chunkSize());
                AudioInspector.Inspection inspected = AudioInspector.inspect(head, source.fileName(), source.length(),
                        request);
                format = inspected.format();
                firstChunk = head;
                bytesPerSecond = request.realtime()
                        ? AudioPacing.bytesPerSecond(inspected, request.sampleRate(), request.channels()) : 0;
                audioBytesPerSecond = AudioPacing.knownBytesPerSecond(inspected, request.sampleRate(), request.channels());
            }
            pump = new UploadPump(in, source.mayBlock(), request.chunkSize(), bytesPerSecond, connection::sendBinary,
                    this, senders, timers);
            String configuration = Handshake.configuration(request, format);
            clock.enter(SessionPhase.CONNECTING);
            connection.connect(configuration, this::connectFailed);
            if (ended.get()) {
                connection.cancelConnect(); // aborted while the connect was being started: nothing else would stop it
            }
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

    /** The first bytes a live part has (it was connected before its audio came): what one read gives, not a chunk. */
    private byte[] firstAvailable() {
        try {
            byte[] b = new byte[request.chunkSize()];
            int n = audio.read(b);
            return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(b, n);
        } catch (IOException e) {
            fail(new ProsaSttInvalidInputException("Cannot read the audio" + named() + ": "
                                                   + Failures.sentence(e.getMessage()) + ".", e));
            return new byte[0];
        }
    }

    private void connectFailed(Throwable error) {
        if (!ended.get()) {
            fail(Failures.fromConnect(error, request.url(), clock.millisInPhase() >= request.connectTimeout()));
        }
    }

    // ---- the upload (UploadPump.Owner)

    @Override
    public boolean isOpen() {
        return !ended.get();
    }

    @Override
    public void audioWritten() {
        clock.progress();
    }

    @Override
    public void endFrameQueued() {
        milestones.audioEnded();
        closeAudio();
        clock.endFrameQueued();
        if (job.fullyConfirmed()) {
            complete();
        }
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
        if (ended.get()) {
            return;
        }
        ProsaSttException dropped = Failures.sendFailed(error, sentBytes());
        try {
            timers.schedule(() -> fail(dropped), Math.min(request.responseTimeout(), SessionClock.CONFIRMED_GRACE_MILLIS),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            fail(dropped);
        }
    }

    // ---- what the server says

    @Override
    public void opened() {
        clock.enter(SessionPhase.AWAITING_CREATED);
    }

    @Override
    public void binary(ByteBuffer data) {
        fail(Failures.binaryFrame(data.remaining(), clock.phase()));
    }

    @Override
    public void text(String text) {
        try {
            handle(ServerMessage.parse(text));
        } catch (RuntimeException | Error e) {
            fail(new ProsaSttProtocolException("Handling a Prosa STT message failed while " + clock.phase() + " ("
                                               + e.getClass().getSimpleName() + ").", ProsaSttException.NO_CLOSE_CODE, null, e));
        }
    }

    private void handle(ServerMessage message) {
        if (message instanceof ServerMessage.Created c) {
            job.jobId(c.jobId());
            if (created.complete(c.jobId())) { // false for a repeated 'created', or a session already failed
                milestones.created(c.jobId());
                clock.enter(SessionPhase.SENDING_AUDIO);
                byte[] first = firstChunk;
                firstChunk = null;
                if (source.mayBlock()) {
                    execute(() -> pump.start(first != null ? first : firstAvailable()));
                } else {
                    pump.start(first); // an async send and a quick local read: no hand-off needed
                }
            }
        } else if (message instanceof ServerMessage.Status s) {
            if (s.isComplete() && job.markComplete()) {
                confirmed();
            } else if (s.isFailed()) {
                fail(Failures.jobFailed(job.jobId()));
            }
        } else if (message instanceof ServerMessage.Partial p) {
            if (!job.isComplete()) {
                if (job.newPartial(p.text())) {
                    clock.progress();
                }
                emit(new TranscriptEvent(TranscriptEvent.Type.PARTIAL, p.text(), null, null, job.jobId()));
            }
        } else if (message instanceof ServerMessage.Result r) {
            if (job.isComplete()) {
                LOG.debug("Ignoring a result after job {} was confirmed complete", job.jobId());
                return;
            }
            job.addResult(r);
            milestones.result(job.jobId());
            clock.progress();
            emit(TranscriptEvent.result(r.segment(), job.jobId()));
        } else if (message instanceof ServerMessage.Metadata m) {
            Consumer<Double> limit = maxDurationListener;
            if (limit != null && m.maxDuration() != null) {
                limit.accept(m.maxDuration()); // before anyone continues on this session's end
            }
            if (job.metadata(m)) {
                confirmed();
            }
        } else if (message instanceof ServerMessage.Quota q) {
            fail(Failures.quota(q.quotaUsed()));
        } else if (message instanceof ServerMessage.Ignored i) {
            LOG.debug("Ignoring a Prosa STT message: {}", i.why());
        }
    }


    /**
     * A confirmation (status complete or metadata) arrived: believed only after the whole audio was sent. Before
     * that, a {@code status: complete} waits for the metadata that says why (a server at its maximum session length
     * confirms so while the client is still sending).
     */
    private void confirmed() {
        if (!clock.audioEnded()) {
            if (job.metadata() != null) {
                fail(Failures.confirmedEarly(job.metadata(), sentBytes(), audioSeconds(source.length())));
            }
            return;
        }
        clock.confirmed();
        if (job.fullyConfirmed()) {
            complete();
        }
    }

    @Override
    public void closed(int code, String reason) {
        if (clock.isConfirmed()) {
            complete(); // the server confirmed the job: how the socket ends does not change the transcript
        } else if (code == 1000) {
            fail(Failures.unconfirmed(code, reason, missing()));
        } else if (code == 1009
                   || code == 1011 && TYRUS_BUFFER_OVERFLOW.equals(reason)) {
            fail(Failures.tooBig(code, reason, request.maxMessageSize(), clock.phase()));
        } else if (code >= 4000) {
            fail(Failures.fromClose(code, reason, clock.phase()));
        } else {
            fail(Failures.unconfirmed(code, reason, missing()));
        }
    }

    @Override
    public void failed(Throwable error) {
        if (clock.isConfirmed()) {
            complete();
            return;
        }
        fail(Failures.connectionFailed(error, clock.phase()));
    }

    /** What the server did not confirm, and how far the upload got. */
    private String missing() {
        if (!clock.audioEnded() && job.isComplete()) {
            return "it said 'status: complete' while " + clock.phase() + ", after " + sentBytes()
                   + " bytes of audio, before the end of the audio, and no 'metadata' said why";
        }
        if (!clock.audioEnded()) {
            return "it closed while " + clock.phase() + ", after " + sentBytes()
                   + " bytes of audio, before the end of the audio";
        }
        return "all " + sentBytes() + " bytes of audio and the end frame were sent, but no 'status: complete' and no"
               + " 'metadata' arrived";
    }

    /** Seconds of audio in {@code bytes} bytes of this session's audio; negative when unknown. */
    private double audioSeconds(long bytes) {
        double rate = audioBytesPerSecond;
        return bytes < 0 || rate <= 0 ? -1 : bytes / rate;
    }

    private long sentBytes() {
        UploadPump p = pump;
        return p == null ? 0 : p.bytesWritten();
    }

    private void checkBounds() {
        try {
            SessionClock.Verdict verdict = clock.check(request, sentBytes(), connection.tcpConnected());
            if (verdict == null) {
                Supplier<ProsaSttException> extra = alsoCheck;
                ProsaSttException e = extra == null ? null : extra.get();
                if (e != null) {
                    fail(e);
                }
                return;
            }
            if (verdict.complete()) {
                complete();
            } else {
                fail(verdict.failure());
                connection.cancelConnect(); // after the failure, so the interrupted connect cannot report first
            }
        } catch (RuntimeException | Error e) {
            fail(new ProsaSttConnectionException("The session's watchdog failed (" + e.getClass().getSimpleName()
                                                 + ").", ProsaSttException.NO_CLOSE_CODE, null, e));
        }
    }

    // ---- the end

    private void complete() {
        ProsaSttException truncated = Failures.notCovered(job.metadata(), sentBytes(), audioSeconds(sentBytes()));
        if (truncated != null) {
            fail(truncated);
            return;
        }
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Transcript transcript = job.transcript();
        clock.enter(SessionPhase.ENDED);
        try {
            // END before the result: whoever continues on the result (the exchange) finds every event handed over.
            emit(new TranscriptEvent(TranscriptEvent.Type.END, transcript.text(), null, null, job.jobId()));
        } finally {
            // Released first: whoever continues on the result may do so on this very thread, for as long as it likes.
            release();
            milestones.confirmed(transcript, audioSeconds(sentBytes()));
            result.complete(transcript);
            // The close frame after the result: its framing and write need not delay the exchange.
            connection.end(false);
        }
    }

    @Override
    public void fail(ProsaSttException error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        clock.enter(SessionPhase.ENDED);
        LOG.debug("Prosa STT session {} failed: {}", job.jobId(), error.getMessage());
        // Released first, as on success: whoever continues on the failure finds the session no longer open.
        release();
        milestones.failed(error, audioSeconds(sentBytes()));
        result.completeExceptionally(error);
        created.completeExceptionally(error);
        connection.end(true); // at once: a failed peer may never answer a close frame
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

    /** Stops the watchdog, closes the audio and leaves the client's open sessions. */
    private void release() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        closeAudio();
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

    @Override
    public String toString() {
        return "StreamingSession[job=" + job.jobId() + ", phase=" + clock.phase() + "]";
    }
}
