package com.camelprosa.prosastt.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A live stream (a call still in progress) of unknown length, sent as consecutive sessions when it runs longer than
 * one session may be. One thread reads the stream and hands each byte to exactly one part, as it comes
 * ({@link LiveCutter}: where to cut), so no byte is lost or sent twice at the seam; {@link LiveParts} runs the parts'
 * sessions and keeps their events in order. This is the job they make, and its end.
 * <p>
 * Audio that cannot be cut without decoding (compressed formats) goes on as one session.
 */
final class LiveRollover implements Job {

    private final StreamRequest request;
    private final AudioSource audio;
    private final double maxSeconds;
    private final Consumer<TranscriptEvent> listener;
    private final Rollover.Sessions sessions;
    private final Executor senders;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final CompletableFuture<String> created = new CompletableFuture<>();
    private final LiveParts parts;
    private volatile InputStream in;
    /** The one session of audio that cannot be cut, or null. */
    private volatile Job single;

    LiveRollover(StreamRequest request, AudioSource audio, double maxSeconds, Consumer<TranscriptEvent> listener,
                 Rollover.Sessions sessions, Executor senders) {
        this.request = request;
        this.audio = audio;
        this.maxSeconds = maxSeconds;
        this.listener = listener;
        this.sessions = sessions;
        this.senders = senders;
        this.parts = new LiveParts(request, audio.fileName(), listener, sessions, result, created);
        result.whenComplete((t, e) -> {
            if (e != null) {
                created.completeExceptionally(e);
                stopReading();
                ProsaSttException why = e instanceof ProsaSttException p ? p
                        : new ProsaSttConnectionException("The transcription was cancelled by its caller.",
                                ProsaSttException.NO_CLOSE_CODE, null, e);
                parts.abortAll(why);
                Job s = single;
                if (s != null) {
                    s.abort(why);
                }
            }
        });
    }

    void start() {
        senders.execute(this::readLive);
    }

    private void readLive() {
        byte[] head;
        AudioLayout layout;
        try {
            in = audio.open();
            head = in.readNBytes(request.chunkSize());
            AudioInspector.Inspection inspected = AudioInspector.inspect(head, audio.fileName(), -1, request);
            layout = AudioLayout.of(inspected, request, Long.MAX_VALUE);
        } catch (ProsaSttException e) {
            stopReading();
            result.completeExceptionally(e);
            return;
        } catch (IOException | RuntimeException e) {
            stopReading();
            result.completeExceptionally(new ProsaSttInvalidInputException("Cannot read the audio" + named() + ": "
                                                                           + Failures.rootMessage(e) + ".", e));
            return;
        }
        if (result.isDone()) { // aborted while the first chunk was read: its clean-up has run, start nothing
            stopReading();
            return;
        }
        if (layout == null) {
            asOneSession(head);
            return;
        }
        try {
            new LiveCutter(request, layout, maxSeconds, parts, this::stopReading).cut(head, in);
        } catch (IOException | RuntimeException e) {
            ProsaSttException why = e instanceof ProsaSttException p ? p
                    : new ProsaSttInvalidInputException("Reading the live audio" + named() + " failed ("
                                                        + Failures.rootMessage(e) + "). " + Failures.SEND_AGAIN, e);
            result.completeExceptionally(why);
        }
    }

    /** Compressed live audio: one session reads the first chunk again, then the rest of the stream. */
    private void asOneSession(byte[] head) {
        InputStream rest = in;
        Job s = sessions.apply(AudioSource.of(() -> new SequenceInputStream(new ByteArrayInputStream(head), rest),
                audio.fileName(), true), listener);
        single = s;
        Supplier<ProsaSttException> c = parts.check();
        if (c != null) {
            s.alsoCheck(c);
        }
        s.created().whenComplete((id, e) -> {
            if (e == null) {
                created.complete(id);
            }
        });
        s.result().whenComplete((t, e) -> {
            if (e != null) {
                result.completeExceptionally(Failures.of(e));
            } else {
                result.complete(t);
            }
        });
    }

    private void stopReading() {
        InputStream s = in;
        if (s != null && single == null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // the stream is gone either way
            }
        }
    }

    private String named() {
        return audio.fileName() == null ? "" : " (" + audio.fileName() + ")";
    }

    @Override
    public CompletableFuture<Transcript> result() {
        return result;
    }

    @Override
    public CompletableFuture<String> created() {
        return created;
    }

    @Override
    public String jobId() {
        Job s = single;
        if (s != null) {
            return s.jobId();
        }
        return parts.jobId();
    }

    @Override
    public void abort(ProsaSttException why) {
        result.completeExceptionally(why);
    }

    @Override
    public void alsoCheck(Supplier<ProsaSttException> check) {
        parts.alsoCheck(check);
        Job s = single;
        if (s != null) {
            s.alsoCheck(check);
        }
        parts.checkStarted(check);
    }

    @Override
    public String state() {
        Job s = single;
        if (s != null) {
            return s.state();
        }
        return "live part " + parts.count();
    }
}
