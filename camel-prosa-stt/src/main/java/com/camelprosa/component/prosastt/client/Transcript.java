package com.camelprosa.component.prosastt.client;

import java.util.List;

/**
 * The outcome of one streaming session.
 *
 * @param jobId       the job id the server gave in its {@code created} message
 * @param text        the final segments' texts joined by a space (empty segments skipped)
 * @param segments    the final segments in order (a {@link SegmentList})
 * @param duration    seconds of audio the server processed, from its {@code metadata} message (null if none came)
 * @param quotaUsed   quota the session used, from {@code metadata} (null if none came)
 * @param maxReached  whether the session hit the server's maximum duration, from {@code metadata} (null if none came)
 * @param maxDuration the server's maximum session duration in seconds, from {@code metadata} (null if none came)
 */
public record Transcript(String jobId, String text, List<Segment> segments, Double duration, Double quotaUsed,
        Boolean maxReached, Double maxDuration) {

    public Transcript {
        segments = SegmentList.of(segments);
    }
}
