package com.camelprosa.prosastt.client;

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
 * @param jobIds      the job id of every session, in order (null where the server gave none): more than one when
 *                    long audio was cut into sessions ({@code maxSessionDuration}) or its channels were split
 *                    ({@code splitChannels})
 */
public record Transcript(String jobId, String text, List<Segment> segments, Double duration, Double quotaUsed,
        Boolean maxReached, Double maxDuration, List<String> jobIds) {

    public Transcript {
        segments = SegmentList.of(segments);
        // one per session, null where a server left the id out of its created message
        jobIds = jobIds == null ? java.util.Collections.singletonList(jobId)
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(jobIds));
    }

    public Transcript(String jobId, String text, List<Segment> segments, Double duration, Double quotaUsed,
                      Boolean maxReached, Double maxDuration) {
        this(jobId, text, segments, duration, quotaUsed, maxReached, maxDuration, null);
    }

    /** The number of sessions the transcript was made of. */
    public int parts() {
        return jobIds.size();
    }
}
