package com.camelprosa.prosastt.client;

import java.util.ArrayList;
import java.util.List;

/** What the server told of one job: its id, the final segments in order, its confirmations and closing figures. */
final class JobResults {

    private final List<Segment> segments = new ArrayList<>();
    private volatile String jobId;
    private volatile boolean statusComplete;
    private volatile ServerMessage.Metadata metadata;
    private volatile String lastPartial;

    String jobId() {
        return jobId;
    }

    void jobId(String id) {
        jobId = id;
    }

    /** Once the server said {@code status: complete}, later results and partials are not part of the job. */
    boolean isComplete() {
        return statusComplete;
    }

    /** Records the status; true the first time. */
    boolean markComplete() {
        boolean first = !statusComplete;
        statusComplete = true;
        return first;
    }

    /** Records the closing figures; true the first time. */
    boolean metadata(ServerMessage.Metadata m) {
        if (metadata != null) {
            return false;
        }
        metadata = m;
        return true;
    }

    ServerMessage.Metadata metadata() {
        return metadata;
    }

    /** Both confirmations came: nothing more is expected. */
    boolean fullyConfirmed() {
        return statusComplete && metadata != null;
    }

    /** True when the partial differs from the previous one (a repeated hypothesis is not progress). */
    boolean newPartial(String text) {
        boolean changed = !text.equals(lastPartial);
        lastPartial = text;
        return changed;
    }

    void addResult(ServerMessage.Result r) {
        synchronized (segments) {
            segments.add(r.segment());
        }
        lastPartial = null;
    }

    Transcript transcript() {
        SegmentList finals;
        synchronized (segments) {
            finals = SegmentList.of(segments);
        }
        ServerMessage.Metadata m = metadata;
        return new Transcript(jobId, finals.text(), finals, m == null ? null : m.duration(), m == null ? null : m.quotaUsed(),
                m == null ? null : m.maxReached(), m == null ? null : m.maxDuration());
    }
}
