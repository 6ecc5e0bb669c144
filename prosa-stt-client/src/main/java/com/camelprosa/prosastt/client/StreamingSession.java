package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
final class StreamingSession implements Job, UploadPump.Owner, ServerReplies.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingSession.class);

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

    private final SessionAudio audio;
    private final ServerReplies replies;
    private final SessionConnection connection;
    private final SessionWatchdog watchdog;
    /** The request's observer, told of this session's milestones. */
    private final ObservedMilestones milestones;
    private volatile UploadPump pump;

    StreamingSession(StreamRequest request, AudioSource source, TyrusConnector connector, Executor senders,
                     ScheduledExecutorService timers, Consumer<TranscriptEvent> listener, Runnable onEnd) {
        this.request = request;
        this.source = source;
        this.senders = senders;
        this.timers = timers;
        this.listener = listener;
        this.onEnd = onEnd;
        this.audio = new SessionAudio(source, request);
        this.milestones = new ObservedMilestones(request.observer());
        this.replies = new ServerReplies(request, clock, job, audio, created, milestones, this);
        this.connection = new SessionConnection(request, connector, timers, replies);
        this.watchdog = new SessionWatchdog(request, clock, connection, this);
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
            watchdog.start(timers);
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
        replies.onMaxDuration(listener);
    }

    /** Adds a bound to the session's watchdog: a non-null answer fails the session. */
    @Override
    public void alsoCheck(Supplier<ProsaSttException> check) {
        watchdog.alsoCheck(check);
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
            InputStream in = audio.open();
            if (ended.get()) { // aborted while the source was opening
                audio.close();
                return;
            }
            SessionAudio.Look look = audio.look();
            pump = new UploadPump(in, source.mayBlock(), request.chunkSize(), look.pacingBytesPerSecond(),
                    connection::sendBinary, this, senders, timers);
            String configuration = Handshake.configuration(request, look.format());
            clock.enter(SessionPhase.CONNECTING);
            connection.connect(configuration, this::connectFailed);
            if (ended.get()) {
                connection.cancelConnect(); // aborted while the connect was being started: nothing else would stop it
            }
        } catch (ProsaSttException e) {
            fail(e);
        } catch (IOException e) {
            fail(new ProsaSttInvalidInputException("Cannot read the audio" + audio.named() + ": "
                                                   + Failures.sentence(e.getMessage()) + ".", e));
        } catch (RejectedExecutionException e) {
            fail(shutDown(e));
        } catch (RuntimeException | Error e) {
            fail(new ProsaSttInvalidInputException("Cannot read the audio" + audio.named() + " ("
                                                   + e.getClass().getSimpleName() + ": " + Failures.sentence(e.getMessage()) + ").", e));
        }
    }

    /** The first bytes a live part has (it was connected before its audio came): what one read gives, not a chunk. */
    private byte[] firstAvailable() {
        try {
            return audio.firstAvailable();
        } catch (IOException e) {
            fail(new ProsaSttInvalidInputException("Cannot read the audio" + audio.named() + ": "
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
        audio.close();
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

    // ---- what the server says (ServerReplies.Owner), and the watchdog

    @Override
    public void uploadAudio() {
        byte[] first = audio.takeFirstChunk();
        if (source.mayBlock()) {
            execute(() -> pump.start(first != null ? first : firstAvailable()));
        } else {
            pump.start(first); // an async send and a quick local read: no hand-off needed
        }
    }

    @Override
    public long sentBytes() {
        UploadPump p = pump;
        return p == null ? 0 : p.bytesWritten();
    }

    // ---- the end

    @Override
    public void complete() {
        ProsaSttException truncated = Failures.notCovered(job.metadata(), sentBytes(), audio.seconds(sentBytes()));
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
            milestones.confirmed(transcript, audio.seconds(sentBytes()));
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
        milestones.failed(error, audio.seconds(sentBytes()));
        result.completeExceptionally(error);
        created.completeExceptionally(error);
        connection.end(true); // at once: a failed peer may never answer a close frame
    }

    @Override
    public void emit(TranscriptEvent event) {
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
        watchdog.stop();
        audio.close();
        onEnd.run();
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

    @Override
    public String toString() {
        return "StreamingSession[job=" + job.jobId() + ", phase=" + clock.phase() + "]";
    }
}
