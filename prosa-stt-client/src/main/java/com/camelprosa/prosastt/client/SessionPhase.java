package com.camelprosa.prosastt.client;

/** Where a session is; its description completes "... while &lt;phase&gt;" in error messages. */
enum SessionPhase {
    OPENING_AUDIO("opening the audio"),
    CONNECTING("connecting"),
    AWAITING_CREATED("waiting for the server to create the job"),
    SENDING_AUDIO("sending audio"),
    AWAITING_CONFIRMATION("waiting for the final results and the job's confirmation"),
    ENDED("ended");

    private final String description;

    SessionPhase(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
