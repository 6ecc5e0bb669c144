package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parts of one live stream and their sessions: starts each part's session (ahead of its cut, or once the part
 * before it is confirmed), holds a part's events until the parts before it are confirmed so that they stay in order,
 * and completes the whole with one transcript and one END once the audio has ended and every part is confirmed.
 */
final class LiveParts {

    /** One part: its pipe, session, start in the audio, and the events held until the parts before it end. */
    static final class Part {
        final int index;
        final PartPipe pipe;
        volatile double offsetSeconds;
        final List<TranscriptEvent> held = new ArrayList<>();
        volatile StreamingSession session;
        Transcript transcript;
        /** Completes when the server confirmed this part (exceptionally when it failed). */
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();

        Part(int index, double offsetSeconds, int chunkSize) {
            this.index = index;
            this.offsetSeconds = offsetSeconds;
            this.pipe = new PartPipe(chunkSize);
        }
    }

    private final StreamRequest request;
    private final String fileName;
    private final Consumer<TranscriptEvent> listener;
    private final Rollover.Sessions sessions;
    private final CompletableFuture<Transcript> result;
    private final CompletableFuture<String> created;
    private final List<Part> parts = new ArrayList<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile Supplier<ProsaSttException> check;
    private volatile boolean inputEnded;

    LiveParts(StreamRequest request, String fileName, Consumer<TranscriptEvent> listener, Rollover.Sessions sessions,
              CompletableFuture<Transcript> result, CompletableFuture<String> created) {
        this.request = request;
        this.fileName = fileName;
        this.listener = listener;
        this.sessions = sessions;
        this.result = result;
        this.created = created;
    }

    /** Opens the session of part {@code index}, its pipe starting with a WAV header for a WAV. */
    Part open(int index, double offsetSeconds, AudioLayout layout) throws IOException {
        Part part = new Part(index, offsetSeconds, request.chunkSize());
        if (layout.wav() != null) {
            byte[] header = layout.wavHeader(-1, layout.channels());
            part.pipe.write(header, 0, header.length);
        }
        Part before;
        synchronized (parts) {
            before = parts.isEmpty() ? null : parts.get(parts.size() - 1);
            parts.add(part);
        }
        if (before == null || request.connectAhead()) {
            startSession(part, layout);
        } else { // one session at a time: this part connects once the one before it is confirmed
            before.confirmed.thenRun(() -> startSession(part, layout));
        }
        return part;
    }

    private void startSession(Part part, AudioLayout layout) {
        StreamingSession session;
        synchronized (parts) { // no session for a part dropped, or for a whole that has failed (its clean-up ran)
            if (!parts.contains(part) || result.isDone()) {
                part.pipe.close();
                return;
            }
            session = sessions.apply(new PipeSource(part.pipe, layout, fileName),
                    listener == null ? null : e -> held(part, e));
            part.session = session;
        }
        Supplier<ProsaSttException> c = check;
        if (c != null) {
            session.alsoCheck(c);
        }
        if (part.index == 0) {
            session.created().whenComplete((id, e) -> {
                if (e == null) {
                    created.complete(id);
                }
            });
        }
        session.result().whenComplete((t, e) -> ended(part, t, e));
    }

    /** A part that gets no audio: it is no part, and its session (connected ahead) ends. */
    void drop(Part part) {
        synchronized (parts) {
            parts.remove(part);
        }
        StreamingSession s = part.session;
        if (s != null) { // abort first: a session must not take its closed pipe for the end of the audio
            s.abort(new ProsaSttConnectionException("The live audio ended before this session got any.",
                    ProsaSttException.NO_CLOSE_CODE, null, null));
        }
        part.pipe.close();
    }

    private void held(Part part, TranscriptEvent e) {
        if (e.type() == TranscriptEvent.Type.END) {
            return; // one END, after the last part
        }
        TranscriptEvent shifted = e.shifted(part.offsetSeconds, null, null);
        synchronized (parts) {
            if (firstUnconfirmed() == part) {
                listener.accept(shifted);
            } else {
                part.held.add(shifted);
            }
        }
    }

    private Part firstUnconfirmed() {
        for (Part p : parts) {
            if (p.transcript == null) {
                return p;
            }
        }
        return null;
    }

    private void ended(Part part, Transcript transcript, Throwable error) {
        synchronized (parts) {
            if (!parts.contains(part)) {
                return; // connected ahead and dropped
            }
        }
        if (error != null) {
            part.confirmed.completeExceptionally(error);
            result.completeExceptionally(Failures.of(error).in(String.format(Locale.ROOT, "part %d (from %.1f s of the live audio)",
                    part.index + 1, part.offsetSeconds)));
            return;
        }
        try {
            synchronized (parts) {
                part.transcript = transcript;
                part.confirmed.complete(null);
                if (listener != null) { // the events held for parts now first in line, in order
                    for (Part p : parts) {
                        p.held.forEach(listener);
                        p.held.clear();
                        if (p.transcript == null) {
                            break;
                        }
                    }
                }
            }
        } catch (RuntimeException | Error e) { // a listener that throws must not leave the whole without its end
            result.completeExceptionally(Failures.of(e));
            return;
        }
        completeIfDone();
    }

    /** The live stream has been read to its end: no part follows the last one opened. */
    void inputEnded() {
        inputEnded = true;
    }

    void completeIfDone() {
        List<TranscriptParts.Part> done = new ArrayList<>();
        synchronized (parts) {
            if (!inputEnded || firstUnconfirmed() != null) {
                return;
            }
            for (Part p : parts) {
                done.add(new TranscriptParts.Part(0, 0, p.offsetSeconds, p.transcript));
            }
        }
        if (done.isEmpty() || result.isDone() || !finishing.compareAndSet(false, true)) {
            return; // the reader's end of input and the last part's confirmation may both get here: one END
        }
        try {
            Transcript whole = Rollover.merge(done);
            if (listener != null) {
                listener.accept(new TranscriptEvent(TranscriptEvent.Type.END, whole.text(), null, null,
                        whole.jobIds().isEmpty() ? null : whole.jobIds().get(whole.jobIds().size() - 1)));
            }
            result.complete(whole);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(Failures.of(e));
        }
    }

    /** Ends every part's session and pipe: the whole failed or was cancelled. */
    void abortAll(ProsaSttException why) {
        List<Part> all;
        synchronized (parts) {
            all = List.copyOf(parts);
        }
        all.forEach(p -> {
            if (p.session != null) {
                p.session.abort(why); // first: a session must not take its closed pipe for the end of the audio
            }
            p.pipe.close();
        });
    }

    /** The job id of the latest part whose job the server has created, or null. */
    String jobId() {
        synchronized (parts) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                StreamingSession p = parts.get(i).session;
                if (p != null && p.jobId() != null) {
                    return p.jobId();
                }
            }
        }
        return null;
    }

    Supplier<ProsaSttException> check() {
        return check;
    }

    /** A bound for the watchdog of every part's session started from now on (see {@link #checkStarted}). */
    void alsoCheck(Supplier<ProsaSttException> check) {
        this.check = check;
    }

    /** Adds a bound to the watchdog of the parts' sessions already started. */
    void checkStarted(Supplier<ProsaSttException> check) {
        synchronized (parts) {
            parts.forEach(p -> {
                if (p.session != null) {
                    p.session.alsoCheck(check);
                }
            });
        }
    }

    int count() {
        synchronized (parts) {
            return parts.size();
        }
    }

    /** A part's audio: its pipe, in a format known ahead, so its session connects before the audio comes. */
    private static final class PipeSource implements AudioSource, KnownAudio {
        private final PartPipe pipe;
        private final AudioLayout layout;
        private final String fileName;

        PipeSource(PartPipe pipe, AudioLayout layout, String fileName) {
            this.pipe = pipe;
            this.layout = layout;
            this.fileName = fileName;
        }

        @Override
        public InputStream open() {
            return pipe;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public AudioFormat format() {
            return layout.format();
        }

        @Override
        public double bytesPerSecond() {
            return layout.bytesPerSecond();
        }
    }
}
