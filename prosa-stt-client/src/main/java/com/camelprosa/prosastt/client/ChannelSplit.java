package com.camelprosa.prosastt.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Multi-channel audio (a stereo call: agent on one channel, customer on the other) sent as one mono session per
 * channel, all at once, each labelled {@code <label> [<speaker>]}; the results merge in time order, each segment with
 * its channel and speaker, and the text is the dialogue, a line per segment. One channel's failure fails the whole
 * and ends the others.
 */
final class ChannelSplit {

    /** Starts one channel's transcription: (its request, its audio, its events) to its transcript. */
    interface Channels {
        CompletableFuture<Transcript> start(StreamRequest request, AudioSource audio, Consumer<TranscriptEvent> events,
                                            TranscriptParts parts);
    }

    private ChannelSplit() {
    }

    /**
     * @param progress the channels (and parts of channels) confirmed by an earlier attempt at the same audio, kept
     *                 for the next; may be null. A confirmed channel is not sent again (nor are its events).
     */
    static CompletableFuture<Transcript> run(StreamRequest request, AudioSource audio, AudioLayout layout,
                                             Consumer<TranscriptEvent> listener, Channels channels,
                                             TranscriptParts progress) {
        int n = layout.channels();
        List<CompletableFuture<Transcript>> parts = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Transcript> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(n);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        for (int c = 0; c < n && !failed.get(); c++) { // a channel that failed at once starts no more
            int channel = c;
            String speaker = request.speaker(c);
            // each channel's job labelled with its speaker, so the jobs of one call can be told apart
            StreamRequest mono = request.toBuilder().channels(layout.wav() == null ? 1 : null).splitChannels(false)
                    .label((request.label() == null ? "" : request.label() + " ") + "["
                           + (speaker != null ? speaker : "channel " + c) + "]").build();
            Consumer<TranscriptEvent> events = listener == null ? null : e -> {
                if (e.type() != TranscriptEvent.Type.END) {
                    listener.accept(e.shifted(0, channel, speaker));
                }
            };
            TranscriptParts done = progress == null ? new TranscriptParts() : progress.channel(c);
            String identity = "channel " + c + " of " + audio.length() + "/" + layout;
            Transcript earlier = done.whole(identity);
            CompletableFuture<Transcript> part = earlier != null ? CompletableFuture.completedFuture(earlier)
                    : channels.start(mono, new ChannelSource(audio, layout, c), events, done);
            parts.add(part);
            if (failed.get()) { // another channel failed while this one was starting
                part.cancel(false);
            }
            part.whenComplete((t, error) -> {
                if (error != null) {
                    ProsaSttException e = Failures.of(error);
                    if (failed.compareAndSet(false, true)) {
                        result.completeExceptionally(e.within("channel " + channel
                                                              + (speaker == null ? "" : " (" + speaker + ")") + " of " + n));
                        parts.forEach(other -> other.cancel(false));
                    }
                    return;
                }
                done.whole(identity, t);
                if (left.decrementAndGet() == 0) {
                    Transcript whole = merge(parts.stream().map(CompletableFuture::join).toList(), request);
                    try {
                        if (listener != null) {
                            listener.accept(new TranscriptEvent(TranscriptEvent.Type.END, whole.text(), null, null,
                                    whole.jobId()));
                        }
                        result.complete(whole);
                    } catch (RuntimeException | Error failure) { // nothing may leave the whole without its end
                        result.completeExceptionally(Failures.of(failure));
                    }
                }
            });
        }
        return result;
    }

    /** The channels' segments in time order with their channel and speaker; the text is the dialogue. */
    static Transcript merge(List<Transcript> channels, StreamRequest request) {
        List<Segment> all = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        Double duration = 0.0;
        Double quota = 0.0;
        Boolean maxReached = false;
        Double maxDuration = null;
        for (int c = 0; c < channels.size(); c++) {
            Transcript t = channels.get(c);
            for (Segment s : t.segments()) {
                all.add(s.shifted(0, c, request.speaker(c)));
            }
            jobIds.addAll(t.jobIds());
            duration = duration == null || t.duration() == null ? null : Math.max(duration, t.duration());
            quota = quota == null || t.quotaUsed() == null ? null : quota + t.quotaUsed();
            maxReached = maxReached == null || t.maxReached() == null ? null : maxReached || t.maxReached();
            maxDuration = t.maxDuration() != null ? t.maxDuration() : maxDuration;
        }
        all.sort(Comparator.comparingDouble(Segment::start).thenComparing(s -> s.channel()));
        String dialogue = all.stream().filter(s -> s.text() != null && !s.text().isBlank())
                .map(s -> (s.speaker() != null ? s.speaker() : "channel " + s.channel()) + ": " + s.text())
                .collect(Collectors.joining("\n"));
        return new Transcript(jobIds.isEmpty() ? null : jobIds.get(0), dialogue, all, duration, quota, maxReached,
                maxDuration, jobIds);
    }
}
