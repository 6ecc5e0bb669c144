package com.camelprosa.prosastt.client;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server says in one session, and what it means: the job's creation starts the upload, results and
 * partials become events, a confirmation counts only after the whole audio was sent, and a socket that ends before
 * the confirmation is a typed failure naming what was missing.
 */
final class ServerReplies implements SessionConnection.Events {

    /** Logged under the session's name, as before the replies had a class of their own. */
    private static final Logger LOG = LoggerFactory.getLogger(StreamingSession.class);
    /** Tyrus closes with 1011 and this reason when a frame overflows its incoming buffer (sized to maxMessageSize). */
    private static final String TYRUS_BUFFER_OVERFLOW = "Buffer overflow.";

    /** What the replies drive in their session. */
    interface Owner {
        /** False once the session has ended. */
        boolean isOpen();

        /** The server created the job: send the audio. */
        void uploadAudio();

        /** The server confirmed the job after the whole audio. */
        void complete();

        void fail(ProsaSttException error);

        /** Hands an event to the session's listener. */
        void emit(TranscriptEvent event);

        /** Bytes of audio written to the socket so far. */
        long sentBytes();
    }

    private final StreamRequest request;
    private final SessionClock clock;
    private final JobResults job;
    private final SessionAudio audio;
    private final CompletableFuture<String> created;
    private final Owner owner;
    private volatile Consumer<Double> maxDurationListener;
    private final ObservedMilestones milestones;

    ServerReplies(StreamRequest request, SessionClock clock, JobResults job, SessionAudio audio,
                  CompletableFuture<String> created, ObservedMilestones milestones, Owner owner) {
        this.milestones = milestones;
        this.request = request;
        this.clock = clock;
        this.job = job;
        this.audio = audio;
        this.created = created;
        this.owner = owner;
    }

    /** Tells {@code listener} the server's max_duration when its metadata announces one. */
    void onMaxDuration(Consumer<Double> listener) {
        maxDurationListener = listener;
    }

    @Override
    public boolean isOpen() {
        return owner.isOpen();
    }

    @Override
    public void opened() {
        clock.enter(SessionPhase.AWAITING_CREATED);
    }

    @Override
    public void binary(ByteBuffer data) {
        owner.fail(Failures.binaryFrame(data.remaining(), clock.phase()));
    }

    @Override
    public void text(String text) {
        try {
            handle(ServerMessage.parse(text));
        } catch (RuntimeException | Error e) {
            owner.fail(new ProsaSttProtocolException("Handling a Prosa STT message failed while " + clock.phase() + " ("
                                                     + e.getClass().getSimpleName() + ").", ProsaSttException.NO_CLOSE_CODE, null, e));
        }
    }

    private void handle(ServerMessage message) {
        if (message instanceof ServerMessage.Created c) {
            job.jobId(c.jobId());
            if (created.complete(c.jobId())) { // false for a repeated 'created', or a session already failed
                milestones.created(c.jobId());
                clock.enter(SessionPhase.SENDING_AUDIO);
                owner.uploadAudio();
            }
        } else if (message instanceof ServerMessage.Status s) {
            if (s.isComplete() && job.markComplete()) {
                confirmed();
            } else if (s.isFailed()) {
                owner.fail(Failures.jobFailed(job.jobId()));
            }
        } else if (message instanceof ServerMessage.Partial p) {
            if (!job.isComplete()) {
                boolean changed = job.newPartial(p.text());
                if (changed) {
                    clock.progress();
                }
                if (changed || !request.dropRepeatedPartials()) {
                    owner.emit(new TranscriptEvent(TranscriptEvent.Type.PARTIAL, p.text(), null, null, job.jobId()));
                }
            }
        } else if (message instanceof ServerMessage.Result r) {
            if (job.isComplete()) {
                LOG.debug("Ignoring a result after job {} was confirmed complete", job.jobId());
                return;
            }
            job.addResult(r);
            milestones.result(job.jobId());
            clock.progress();
            owner.emit(TranscriptEvent.result(r.segment(), job.jobId()));
        } else if (message instanceof ServerMessage.Metadata m) {
            Consumer<Double> limit = maxDurationListener;
            if (limit != null && m.maxDuration() != null) {
                limit.accept(m.maxDuration()); // before anyone continues on this session's end
            }
            if (job.metadata(m)) {
                confirmed();
            }
        } else if (message instanceof ServerMessage.Quota q) {
            owner.fail(Failures.quota(q.quotaUsed()));
        } else if (message instanceof ServerMessage.Ignored i) {
            LOG.debug("Ignoring a Prosa STT message: {}", i.why());
        }
    }

    /**
     * A confirmation (status complete or metadata) arrived: believed only after the whole audio was sent. Before
     * that, a {@code status: complete} waits for the metadata that says why (a server at its maximum session length
     * confirms so while the client is still sending).
     */
    private void confirmed() {
        if (!clock.audioEnded()) {
            if (job.metadata() != null) {
                owner.fail(Failures.confirmedEarly(job.metadata(), owner.sentBytes(), audio.seconds(audio.length())));
            }
            return;
        }
        clock.confirmed();
        if (job.fullyConfirmed()) {
            owner.complete();
        }
    }

    @Override
    public void closed(int code, String reason) {
        if (clock.isConfirmed()) {
            owner.complete(); // the server confirmed the job: how the socket ends does not change the transcript
        } else if (code == 1000) {
            owner.fail(Failures.unconfirmed(code, reason, missing()));
        } else if (code == 1009
                   || code == 1011 && TYRUS_BUFFER_OVERFLOW.equals(reason)) {
            owner.fail(Failures.tooBig(code, reason, request.maxMessageSize(), clock.phase()));
        } else if (code >= 4000) {
            owner.fail(Failures.fromClose(code, reason, clock.phase()));
        } else {
            owner.fail(Failures.unconfirmed(code, reason, missing()));
        }
    }

    @Override
    public void failed(Throwable error) {
        if (clock.isConfirmed()) {
            owner.complete();
            return;
        }
        owner.fail(Failures.connectionFailed(error, clock.phase()));
    }

    @Override
    public void fail(ProsaSttException error) {
        owner.fail(error);
    }

    /** What the server did not confirm, and how far the upload got. */
    private String missing() {
        long sent = owner.sentBytes();
        if (!clock.audioEnded() && job.isComplete()) {
            return "it said 'status: complete' while " + clock.phase() + ", after " + sent
                   + " bytes of audio, before the end of the audio, and no 'metadata' said why";
        }
        if (!clock.audioEnded()) {
            return "it closed while " + clock.phase() + ", after " + sent
                   + " bytes of audio, before the end of the audio";
        }
        return "all " + sent + " bytes of audio and the end frame were sent, but no 'status: complete' and no"
               + " 'metadata' arrived";
    }
}
