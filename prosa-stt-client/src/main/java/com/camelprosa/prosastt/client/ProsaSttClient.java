package com.camelprosa.prosastt.client;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A Prosa.ai streaming speech-to-text client. Thread-safe; one per application (or Camel component). Every session
 * uses its own websocket.
 *
 * <pre>{@code
 * try (ProsaSttClient client = new ProsaSttClient()) {
 *     Transcript t = client.transcribe(request, AudioSource.of(Path.of("call.wav"))).get();
 * }
 * }</pre>
 */
public final class ProsaSttClient implements AutoCloseable {

    /**
     * Threads for the sessions' bounds and realtime pacing: one per core (at least two), since every paced chunk is
     * framed and masked on the timer thread that sends it.
     */
    public static final int TIMER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final ExecutorService senders;
    private final ScheduledExecutorService timers;
    private final boolean ownsExecutors;
    private final TyrusConnector connector = new TyrusConnector();
    private final Set<StreamingSession> open = ConcurrentHashMap.newKeySet();
    private final ServerLimits limits = new ServerLimits();
    private volatile boolean closed;

    /** A client with its own daemon threads. */
    public ProsaSttClient() {
        this(Executors.newCachedThreadPool(TyrusConnector.daemon("prosa-stt-sender")),
             Executors.newScheduledThreadPool(TIMER_THREADS, TyrusConnector.daemon("prosa-stt-timer")), true);
    }

    /**
     * A client on the caller's threads (e.g. Camel's managed pools), which the caller shuts down.
     *
     * @param senders runs the short steps of audio uploads (read a chunk, hand it to the socket); an elastic pool
     *                suits it, since only live InputStreams ever block in it
     * @param timers  runs the sessions' bounds and realtime pacing; its queue must not be bounded, and it needs
     *                {@link #TIMER_THREADS} threads for realtime sessions to keep their pace under load
     */
    public ProsaSttClient(ExecutorService senders, ScheduledExecutorService timers) {
        this(senders, timers, false);
    }

    private ProsaSttClient(ExecutorService senders, ScheduledExecutorService timers, boolean ownsExecutors) {
        this.senders = senders;
        this.timers = timers;
        this.ownsExecutors = ownsExecutors;
    }

    /**
     * Streams the audio and returns the transcript once the server has confirmed the job. The future fails with a
     * {@link ProsaSttException}; it never completes later than the request's bounds allow.
     */
    public CompletableFuture<Transcript> transcribe(StreamRequest request, AudioSource audio) {
        return start(request, audio, null).result();
    }

    /**
     * Streams the audio and returns the transcript once the server has confirmed the job; each live event (partials
     * when {@code includePartial}, results, then the end) goes to {@code events} as it arrives, on a websocket thread:
     * hand it off rather than block there. A {@link ProsaSttException} thrown by {@code events} fails the session.
     */
    public CompletableFuture<Transcript> transcribe(StreamRequest request, AudioSource audio,
                                                    Consumer<TranscriptEvent> events) {
        return transcribe(request, audio, events, null);
    }

    /**
     * As {@link #transcribe(StreamRequest, AudioSource, Consumer)}; WAV or raw audio of known length that is longer
     * than {@code request.maxSessionDuration()} is sent as consecutive sessions, cut at quiet points, and makes one
     * transcript. {@code parts} (may be null) keeps the parts the server confirmed: pass the same instance again for
     * the same audio after a failure, and the confirmed parts are not sent again.
     */
    public CompletableFuture<Transcript> transcribe(StreamRequest request, AudioSource audio,
                                                    Consumer<TranscriptEvent> events, TranscriptParts parts) {
        if (request.splitChannels()) {
            AudioLayout layout;
            try {
                layout = channels(request, audio);
            } catch (ProsaSttException e) {
                return CompletableFuture.failedFuture(e);
            }
            return ChannelSplit.run(request, audio, layout, events, this::transcribe, parts);
        }
        try {
            return job(request, audio, events, parts).result();
        } catch (ProsaSttException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * One session, or consecutive sessions for audio longer than {@code maxSessionDuration}: planned ahead for audio
     * of known length, cut as it comes for a live stream.
     */
    private Job job(StreamRequest request, AudioSource audio, Consumer<TranscriptEvent> events, TranscriptParts parts) {
        double limit = limits.sessionSeconds(request);
        if (limit > 0 && audio.mayBlock() && audio.length() < 0 && !closed) {
            LiveRollover live = new LiveRollover(request, audio, limit, events, (part, l) -> start(request, part, l),
                    senders);
            try {
                live.start();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                live.abort(new ProsaSttConnectionException("The Prosa STT client is shut down: no session can start.",
                        ProsaSttException.NO_CLOSE_CODE, null, e));
            }
            return live;
        }
        Rollover rollover = rollover(request, audio, events, parts);
        if (rollover == null) {
            return start(request, audio, events);
        }
        rollover.start();
        return rollover;
    }

    /**
     * The number of sessions {@code splitChannels} opens for this audio at once: its channel count, read from a WAV
     * header or the request; 1 without {@code splitChannels}.
     *
     * @throws ProsaSttInvalidInputException when the audio cannot be split
     */
    public static int sessionsFor(StreamRequest request, AudioSource audio) {
        return request.splitChannels() ? channels(request, audio).channels() : 1;
    }

    private static AudioLayout channels(StreamRequest request, AudioSource audio) {
        String named = audio.fileName() == null ? "" : " (" + audio.fileName() + ")";
        if (audio.mayBlock() || audio.length() < 0) {
            throw new ProsaSttInvalidInputException("splitChannels needs audio that can be read once per channel: a"
                                                    + " file, bytes or a stream cache, not a live stream" + named + ". Enable stream caching, or"
                                                    + " send a file.");
        }
        AudioLayout layout = AudioLayout.of(AudioInspector.inspect(head(request, audio), audio.fileName(), audio.length(),
                request), request, audio.length());
        if (layout == null) {
            throw new ProsaSttInvalidInputException("splitChannels takes WAV (16-bit PCM, μ-law or A-law) or raw audio"
                                                    + " (s16le, pcm_mulaw, pcm_alaw with sampleRate and channels); the audio" + named + " is neither."
                                                    + " Nothing was sent. Convert it (e.g. sox in.mp3 out.wav), or turn splitChannels off.");
        }
        return layout;
    }

    private static byte[] head(StreamRequest request, AudioSource audio) {
        try (java.io.InputStream in = audio.open()) {
            return in.readNBytes(request.chunkSize());
        } catch (java.io.IOException e) {
            throw new ProsaSttInvalidInputException("Cannot read the audio" + (audio.fileName() == null ? "" : " ("
                                                    + audio.fileName() + ")") + ": " + Failures.sentence(e.getMessage()) + ".", e);
        }
    }

    /** A rollover when the audio is known to be longer than a session may be and can be cut, else null. */
    private Rollover rollover(StreamRequest request, AudioSource audio, Consumer<TranscriptEvent> events,
                              TranscriptParts parts) {
        double limit = limits.sessionSeconds(request);
        long length = audio.length();
        if (limit <= 0 || length < ServerLimits.MIN_BYTES_PER_SECOND * limit || audio.mayBlock()) {
            return null; // no limit, too short to be too long whatever its format, or a live stream
        }
        byte[] head = head(request, audio);
        AudioInspector.Inspection inspected = AudioInspector.inspect(head, audio.fileName(), length, request);
        AudioInspector.refuseTooLong(head, inspected, length, limit);
        AudioLayout layout = AudioLayout.of(inspected, request, length);
        if (layout == null || layout.seconds(layout.dataEnd() - layout.dataOffset()) <= limit) {
            return null;
        }
        return new Rollover(audio, layout, limit, events, parts, (part, listener) -> start(request, part, listener),
                senders);
    }

    /**
     * Streams the audio and returns, as soon as the server has created the job, the live events of the session:
     * partials (when {@code includePartial}), results, then the end. The upload goes on in the background.
     */
    public CompletableFuture<TranscriptStream> stream(StreamRequest request, AudioSource audio) {
        if (request.splitChannels()) {
            return CompletableFuture.failedFuture(new ProsaSttInvalidConfigurationException("splitChannels does not"
                                                                                          + " work with a transcript stream (outputType=stream): use the eventUri option for live events of"
                                                                                          + " every channel.", null));
        }
        TranscriptStream events = new TranscriptStream(request.responseTimeout());
        Job job;
        try {
            job = job(request, audio, events::offer, null);
        } catch (ProsaSttException e) {
            return CompletableFuture.failedFuture(e);
        }
        events.attach(job);
        return job.created().thenApply(jobId -> events);
    }

    private StreamingSession start(StreamRequest request, AudioSource audio, Consumer<TranscriptEvent> listener) {
        StreamingSession[] self = new StreamingSession[1];
        StreamingSession session = new StreamingSession(request, audio, connector, senders, timers, listener,
                () -> open.remove(self[0]));
        session.onMaxDuration(max -> limits.learn(request, max));
        self[0] = session;
        open.add(session);
        if (closed) {
            session.abort(new ProsaSttConnectionException("The Prosa STT client is closed: no session can start."
                                                          + " Start the client (or the Camel route) again.", ProsaSttException.NO_CLOSE_CODE, null, null));
        } else {
            session.start();
        }
        return session;
    }

    /** Number of sessions not yet ended. */
    public int openSessions() {
        return open.size();
    }

    /**
     * Ends open sessions with a {@link ProsaSttConnectionException} (their connections dropped at once), and releases
     * the threads and connections this client holds. No session starts afterwards.
     */
    @Override
    public void close() {
        closed = true;
        open.forEach(s -> s.abort(new ProsaSttConnectionException("The Prosa STT client was shut down while the"
                                                                  + " session was " + s.phase() + ". " + Failures.SEND_AGAIN, ProsaSttException.NO_CLOSE_CODE, null,
                null)));
        connector.close();
        if (ownsExecutors) {
            senders.shutdownNow();
            timers.shutdownNow();
        }
    }
}
