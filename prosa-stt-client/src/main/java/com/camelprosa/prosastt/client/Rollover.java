package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Audio longer than one session may be, sent as consecutive sessions (parts) cut at quiet points, whose results make
 * one transcript: segments at their times in the whole audio, texts joined, durations and quota summed, one job id
 * per part. Events run on across parts with their times corrected, and one END follows the last part. A failed part
 * fails the whole, naming the part; the parts confirmed before it stay in {@link TranscriptParts} for a resumed
 * attempt.
 */
final class Rollover implements Job {

    /** Starts one session: (its audio, its event listener) to the session. */
    interface Sessions extends BiFunction<AudioSource, Consumer<TranscriptEvent>, StreamingSession> {
    }

    private final AudioSource audio;
    private final AudioLayout layout;
    private final double maxSeconds;
    private final Consumer<TranscriptEvent> listener;
    private final TranscriptParts progress;
    private final Sessions sessions;
    private final Executor senders;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final CompletableFuture<String> created = new CompletableFuture<>();
    private volatile Supplier<ProsaSttException> check;
    private final String identity;
    private final List<TranscriptParts.Part> done = new ArrayList<>();
    private long[] cuts;
    private int earlier;
    private volatile StreamingSession current;

    Rollover(AudioSource audio, AudioLayout layout, double maxSeconds, Consumer<TranscriptEvent> listener,
             TranscriptParts progress, Sessions sessions, Executor senders) {
        this.audio = audio;
        this.layout = layout;
        this.maxSeconds = maxSeconds;
        this.listener = listener;
        this.progress = progress == null ? new TranscriptParts() : progress;
        this.sessions = sessions;
        this.senders = senders;
        this.identity = audio.length() + "/" + layout;
        result.whenComplete((t, e) -> {
            if (e != null) {
                created.completeExceptionally(e);
            }
            StreamingSession s = current;
            if (e instanceof java.util.concurrent.CancellationException && s != null) {
                s.result().cancel(false); // the caller gave up: end the part being sent
            }
        });
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
    public void alsoCheck(Supplier<ProsaSttException> check) {
        this.check = check;
        StreamingSession s = current;
        if (s != null) {
            s.alsoCheck(check);
        }
    }

    @Override
    public String state() {
        StreamingSession s = current;
        return "part " + (done.size() + 1) + (s == null ? "" : ", " + s.state());
    }


    /** Plans the parts not yet confirmed (reading only the windows where it cuts) and starts the first of them. */
    void start() {
        List<TranscriptParts.Part> earlier = progress.of(identity);
        done.addAll(earlier);
        this.earlier = earlier.size();
        long from = earlier.isEmpty() ? layout.dataOffset() : earlier.get(earlier.size() - 1).end();
        try (InputStream in = audio.open()) {
            cuts = CutPlanner.plan(in, layout, from, maxSeconds);
        } catch (ProsaSttException e) {
            result.completeExceptionally(e);
            return;
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(new ProsaSttInvalidInputException("Cannot read the audio to find where to cut"
                                                                           + " it into sessions (" + Failures.rootMessage(e) + ").", e));
            return;
        }
        next(0);
    }

    @Override
    public void abort(ProsaSttException why) {
        StreamingSession s = current;
        if (s != null) {
            s.abort(why);
        }
        result.completeExceptionally(why);
    }

    /** The job id of the part being sent. */
    @Override
    public String jobId() {
        StreamingSession s = current;
        return s == null ? null : s.jobId();
    }

    private void next(int i) {
        if (result.isDone()) {
            return;
        }
        if (i == cuts.length - 1) {
            finish();
            return;
        }
        long start = cuts[i];
        long end = cuts[i + 1];
        double offset = layout.seconds(start - layout.dataOffset());
        int number = done.size() + 1;
        StreamingSession session = sessions.apply(new PartSource(audio, layout, start, end),
                listener == null ? null : e -> forward(e, offset));
        current = session;
        if (result.isDone()) { // aborted while this part was starting: abort() did not see it
            session.abort(new ProsaSttConnectionException("The transcription ended while this part was starting.",
                    ProsaSttException.NO_CLOSE_CODE, null, null));
            return;
        }
        Supplier<ProsaSttException> c = check;
        if (c != null) {
            session.alsoCheck(c);
        }
        session.created().thenAccept(created::complete);
        session.result().whenCompleteAsync((transcript, error) -> {
            if (error != null) {
                result.completeExceptionally(Failures.of(error).in(where(number, start, end)));
                return;
            }
            try {
                TranscriptParts.Part part = new TranscriptParts.Part(start, end, offset, transcript);
                done.add(part);
                progress.add(part);
                next(i + 1);
            } catch (RuntimeException | Error e) { // nothing may leave the whole without its end
                result.completeExceptionally(e instanceof ProsaSttException p ? p
                        : new ProsaSttProtocolException("Joining the parts failed (" + e.getClass().getSimpleName()
                                                        + ": " + Failures.sentence(e.getMessage()) + ").", ProsaSttException.NO_CLOSE_CODE, null, e));
            }
        }, task -> {
            try {
                senders.execute(task); // opening the next part's file is not work for a websocket I/O thread
            } catch (RejectedExecutionException e) {
                task.run();
            }
        });
    }

    private String where(int number, long start, long end) {
        return String.format(Locale.ROOT, "part %d of %d (%.1f s to %.1f s of the audio)", number,
                earlier + cuts.length - 1, layout.seconds(start - layout.dataOffset()),
                layout.seconds(end - layout.dataOffset()));
    }

    private void forward(TranscriptEvent e, double offset) {
        if (e.type() != TranscriptEvent.Type.END) { // one END, after the last part
            listener.accept(e.shifted(offset, null, null));
        }
    }

    private void finish() {
        Transcript whole = merge(done);
        if (listener != null) {
            try {
                listener.accept(new TranscriptEvent(TranscriptEvent.Type.END, whole.text(), null, null,
                        whole.jobIds().isEmpty() ? null : whole.jobIds().get(whole.jobIds().size() - 1)));
            } catch (ProsaSttException e) {
                result.completeExceptionally(e);
                return;
            }
        }
        result.complete(whole);
    }

    /** One transcript of consecutive parts. */
    static Transcript merge(List<TranscriptParts.Part> parts) {
        List<Segment> segments = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        Double duration = 0.0;
        Double quota = 0.0;
        Boolean maxReached = false;
        Double maxDuration = null;
        for (TranscriptParts.Part p : parts) {
            Transcript t = p.transcript();
            t.segments().forEach(s -> segments.add(s.shifted(p.offsetSeconds(), null, null)));
            jobIds.add(t.jobId());
            duration = duration == null || t.duration() == null ? null : duration + t.duration();
            quota = quota == null || t.quotaUsed() == null ? null : quota + t.quotaUsed();
            maxReached = maxReached == null || t.maxReached() == null ? null : maxReached || t.maxReached();
            maxDuration = t.maxDuration() != null ? t.maxDuration() : maxDuration;
        }
        SegmentList all = SegmentList.of(segments);
        return new Transcript(jobIds.isEmpty() ? null : jobIds.get(0), all.text(), all, duration, quota, maxReached,
                maxDuration, jobIds);
    }
}
