package com.camelprosa.prosastt.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A live stream (a call still in progress) of unknown length, sent as consecutive sessions when it runs longer than
 * one session may be. One thread reads the stream and hands each byte to exactly one part, as it comes. The cut
 * falls at the end of the first quiet 20 ms of a window before each limit (or at the limit); the next session is
 * connected ahead of that window, so the next part goes on from the cut without waiting for a connect, and no byte
 * is lost or sent twice at the seam. Events of a part are held until the parts before it are confirmed, so they stay
 * in order.
 * <p>
 * Audio that cannot be cut without decoding (compressed formats) goes on as one session.
 */
final class LiveRollover implements Job {

    /** Quiet: a 20 ms block whose RMS is below this share of the part's mean RMS, or below the floor. */
    static final double QUIET_SHARE = 0.1;
    static final double QUIET_FLOOR_RMS = 100;
    /** The most audio by which the next session connects ahead of the cut window. */
    static final double CONNECT_AHEAD_SECONDS = 2;

    private final StreamRequest request;
    private final AudioSource audio;
    private final double maxSeconds;
    private final Consumer<TranscriptEvent> listener;
    private final Rollover.Sessions sessions;
    private final Executor senders;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final CompletableFuture<String> created = new CompletableFuture<>();
    private final List<Part> parts = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean finishing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Supplier<ProsaSttException> check;
    private volatile InputStream in;
    private volatile boolean inputEnded;
    /** The one session of audio that cannot be cut, or null. */
    private volatile Job single;

    /** One part: its pipe, session, start in the audio, and the events held until the parts before it end. */
    private final class Part {
        final int index;
        final PartPipe pipe = new PartPipe(request.chunkSize());
        volatile double offsetSeconds;
        final List<TranscriptEvent> held = new ArrayList<>();
        volatile StreamingSession session;
        Transcript transcript;
        /** Completes when the server confirmed this part (exceptionally when it failed). */
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();

        Part(int index, double offsetSeconds) {
            this.index = index;
            this.offsetSeconds = offsetSeconds;
        }
    }

    LiveRollover(StreamRequest request, AudioSource audio, double maxSeconds, Consumer<TranscriptEvent> listener,
                 Rollover.Sessions sessions, Executor senders) {
        this.request = request;
        this.audio = audio;
        this.maxSeconds = maxSeconds;
        this.listener = listener;
        this.sessions = sessions;
        this.senders = senders;
        result.whenComplete((t, e) -> {
            if (e != null) {
                created.completeExceptionally(e);
                stopReading();
                List<Part> all;
                synchronized (parts) {
                    all = List.copyOf(parts);
                }
                ProsaSttException why = e instanceof ProsaSttException p ? p
                        : new ProsaSttConnectionException("The transcription was cancelled by its caller.",
                                ProsaSttException.NO_CLOSE_CODE, null, e);
                all.forEach(p -> {
                    if (p.session != null) {
                        p.session.abort(why); // first: a session must not take its closed pipe for the end of the audio
                    }
                    p.pipe.close();
                });
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
            cutAsItComes(head, layout);
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
        Supplier<ProsaSttException> c = check;
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

    private void cutAsItComes(byte[] head, AudioLayout layout) throws IOException {
        int frame = layout.frameBytes();
        long maxBytes = layout.bytesFor(maxSeconds);
        long block = Math.max(frame, layout.bytesFor(CutPlanner.BLOCK_SECONDS));
        long window = Math.max(block, layout.bytesFor(Math.min(CutPlanner.MAX_WINDOW_SECONDS,
                Math.min(maxSeconds / 4, request.responseTimeout() / 2000.0))));
        // the next session connects this much audio ahead of the window, so it is ready whatever the window's first
        // quiet block
        // and waits for its first audio at most window + lead: within responseTimeout
        long lead = layout.bytesFor(Math.min(CONNECT_AHEAD_SECONDS, Math.min(maxSeconds / 8,
                request.responseTimeout() / 4000.0)));
        if (maxBytes < 2 * block) {
            throw new ProsaSttInvalidConfigurationException("maxSessionDuration=" + maxSeconds + " s is too short to cut"
                                                            + " audio into sessions: use at least a few seconds, or 0 to send the audio as one session.", null);
        }
        Part current = open(0, 0, layout);
        Part next = null;
        long partBytes = 0; // samples in the current part
        long totalBytes = 0; // samples before the current part
        long inBlock = 0;
        long blockEnergy = 0;
        double partEnergy = 0;
        long partBlocks = 0;
        byte[] buf = new byte[Math.max(request.chunkSize(), frame)];
        byte[] chunk = java.util.Arrays.copyOfRange(head, (int) Math.min(head.length, layout.dataOffset()), head.length);
        int carry = 0; // bytes of an incomplete frame held back from the last chunk
        byte[] pending = new byte[frame];
        while (true) {
            int at = 0;
            int n = chunk.length;
            if (carry > 0) { // complete the frame split across chunks
                int take = Math.min(frame - carry, n);
                System.arraycopy(chunk, 0, pending, carry, take);
                carry += take;
                at = take;
                if (carry == frame) {
                    if (!current.pipe.write(pending, 0, frame)) {
                        return;
                    }
                    blockEnergy += CutPlanner.energy(pending, layout);
                    partBytes += frame;
                    inBlock += frame;
                    carry = 0;
                }
            }
            while (at + frame <= n) {
                int stop = (int) Math.min(n, at + ((block - inBlock) / frame) * frame);
                stop = Math.max(stop, at + frame);
                stop = at + (stop - at) / frame * frame;
                byte[] span = java.util.Arrays.copyOfRange(chunk, at, stop);
                if (!current.pipe.write(span, 0, span.length)) {
                    return; // the part's session ended: the failure is on its way
                }
                blockEnergy += CutPlanner.energy(span, layout);
                partBytes += span.length;
                inBlock += span.length;
                at = stop;
                if (inBlock < block) {
                    continue;
                }
                double rms = Math.sqrt((double) blockEnergy / (inBlock / layout.bytesPerSample()));
                partEnergy += rms;
                partBlocks++;
                inBlock = 0;
                blockEnergy = 0;
                boolean inWindow = partBytes >= maxBytes - window;
                if (request.connectAhead() && partBytes >= maxBytes - window - lead && next == null) {
                    next = open(current.index + 1, layout.seconds(totalBytes + partBytes), layout);
                }
                boolean quiet = rms <= Math.max(QUIET_FLOOR_RMS, QUIET_SHARE * partEnergy / partBlocks);
                if (inWindow && quiet || partBytes + block + frame > maxBytes) {
                    current.pipe.end();
                    totalBytes += partBytes;
                    partBytes = 0;
                    partEnergy = 0;
                    partBlocks = 0;
                    current = next == null ? open(current.index + 1, layout.seconds(totalBytes), layout) : next;
                    next = null;
                    current.offsetSeconds = layout.seconds(totalBytes); // no audio reached it yet: no event has a time

                }
            }
            if (at < n) {
                carry = n - at;
                System.arraycopy(chunk, at, pending, 0, carry);
            }
            int read = in.read(buf);
            if (read < 0) {
                break;
            }
            chunk = java.util.Arrays.copyOf(buf, read);
        }
        inputEnded = true;
        stopReading(); // the live stream is consumed: close it, as for one session
        if (partBytes == 0 && current.index > 0) {
            drop(current); // the audio ended at the cut: a part of no audio would be a job of its own, billed
        } else {
            current.pipe.end();
        }
        if (next != null) { // connected ahead, but the audio ended first: it gets no audio, and is not a part
            drop(next);
        }
        completeIfDone();
    }

    /** Opens the session of part {@code index}, its pipe starting with a WAV header for a WAV. */
    private Part open(int index, double offsetSeconds, AudioLayout layout) throws IOException {
        Part part = new Part(index, offsetSeconds);
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
            session = sessions.apply(new PipeSource(part.pipe, layout), listener == null ? null : e -> held(part, e));
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

    private void drop(Part part) {
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

    private void completeIfDone() {
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

    /** A part's audio: its pipe, in a format known ahead, so its session connects before the audio comes. */
    private final class PipeSource implements AudioSource, KnownAudio {
        private final PartPipe pipe;
        private final AudioLayout layout;

        PipeSource(PartPipe pipe, AudioLayout layout) {
            this.pipe = pipe;
            this.layout = layout;
        }

        @Override
        public InputStream open() {
            return pipe;
        }

        @Override
        public String fileName() {
            return audio.fileName();
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

    @Override
    public void abort(ProsaSttException why) {
        result.completeExceptionally(why);
    }

    @Override
    public void alsoCheck(Supplier<ProsaSttException> check) {
        this.check = check;
        Job s = single;
        if (s != null) {
            s.alsoCheck(check);
        }
        synchronized (parts) {
            parts.forEach(p -> {
                if (p.session != null) {
                    p.session.alsoCheck(check);
                }
            });
        }
    }

    @Override
    public String state() {
        Job s = single;
        if (s != null) {
            return s.state();
        }
        synchronized (parts) {
            return "live part " + parts.size();
        }
    }
}
