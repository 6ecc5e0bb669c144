package com.camelprosa.prosastt.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A transcription under way: one session, or several (parts of long audio) that make one transcript. */
interface Job {

    /** Completes once: with the transcript the server confirmed, or with a {@link ProsaSttException}. */
    CompletableFuture<Transcript> result();

    /** Completes with the first job id once the server has created the (first) job, or fails with the job. */
    CompletableFuture<String> created();

    /** The job id of the session being sent, or null before the server created it. */
    String jobId();

    /** Ends the job from outside (client shutdown, a stream closed by its reader). */
    void abort(ProsaSttException why);

    /** Adds a bound to the watchdog of every session of the job: a non-null answer fails it. */
    void alsoCheck(Supplier<ProsaSttException> check);

    /** A word on where the job stands, for toString. */
    String state();
}
