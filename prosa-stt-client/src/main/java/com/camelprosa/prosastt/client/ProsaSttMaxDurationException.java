package com.camelprosa.prosastt.client;

/**
 * The audio is longer than the server's maximum session ({@code max_duration} in its closing {@code metadata}), and
 * the server transcribed only its first part. Not retryable: sending the same audio again would be billed for the
 * same first part. Let the component cut the audio into sessions ({@code maxSessionDuration}) or send shorter parts.
 */
public class ProsaSttMaxDurationException extends ProsaSttException {

    private final Double maxDuration;
    private final Double transcribedSeconds;

    public ProsaSttMaxDurationException(String message, Double maxDuration, Double transcribedSeconds) {
        super(message, NO_CLOSE_CODE, null, false, null);
        this.maxDuration = maxDuration;
        this.transcribedSeconds = transcribedSeconds;
    }

    /** The server's maximum session length in seconds, as its metadata said; null if it did not say. */
    public Double getMaxDuration() {
        return maxDuration;
    }

    /** The seconds of audio the server transcribed before it stopped; null if it did not say. */
    public Double getTranscribedSeconds() {
        return transcribedSeconds;
    }
}
