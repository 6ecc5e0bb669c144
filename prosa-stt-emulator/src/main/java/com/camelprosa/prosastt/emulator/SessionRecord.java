package com.camelprosa.prosastt.emulator;

import java.util.ArrayList;
import java.util.List;


/** What the emulator saw of one websocket session, for tests to assert on the client's behaviour. */
public final class SessionRecord {

    private volatile String authMode;
    private volatile String jobId;
    private volatile String configuration;
    // Appended once per frame for hours of audio: plain lists under this record's lock, not copy-on-write.
    private final List<Integer> binaryFrameSizes = new ArrayList<>();
    private final List<Long> binaryFrameNanos = new ArrayList<>();
    private final List<Long> partialSentNanos = new ArrayList<>();
    private long audioBytes;
    private long ignoredAudioBytes;
    private volatile double maxDurationSeconds;
    private volatile boolean maxReached;
    private volatile long audioBytesAtMaxReached = -1;
    private volatile long finalResultSentNanos;
    private volatile boolean closed;
    private volatile boolean endOfAudio;
    private volatile int closeCode = -1;
    private volatile String protocolViolation;
    private final long openedNanos = System.nanoTime();
    private volatile long endOfAudioNanos;

    /** When the websocket opened ({@link System#nanoTime()}). */
    public long openedNanos() {
        return openedNanos;
    }

    /** When the empty frame that ends the audio arrived ({@link System#nanoTime()}); 0 if it did not. */
    public long endOfAudioNanos() {
        return endOfAudioNanos;
    }

    /** {@code header} or {@code message}, once the client authenticated; null before. */
    public String authMode() {
        return authMode;
    }

    /** The job id this session was given in {@code created}, or null before. */
    public String jobId() {
        return jobId;
    }

    void jobId(String id) {
        this.jobId = id;
    }

    /** The configuration message exactly as received, or null. */
    public String configuration() {
        return configuration;
    }

    /** Sizes of the audio frames received, in order, the empty end frame excluded. */
    public synchronized List<Integer> binaryFrameSizes() {
        return List.copyOf(binaryFrameSizes);
    }

    /** Number of audio frames received, the empty end frame excluded. */
    public synchronized int binaryFrames() {
        return binaryFrameSizes.size();
    }

    /** {@link System#nanoTime()} when each audio frame arrived, in order (for pacing measurements). */
    public synchronized List<Long> binaryFrameNanos() {
        return List.copyOf(binaryFrameNanos);
    }

    /** {@link System#nanoTime()} when each partial left the emulator. */
    public synchronized List<Long> partialSentNanos() {
        return List.copyOf(partialSentNanos);
    }

    /** {@link System#nanoTime()} when the last message before the close (metadata) left the emulator; 0 before. */
    public long finalMessageSentNanos() {
        return finalResultSentNanos;
    }

    /** True once the websocket is closed, by either side. */
    public boolean closed() {
        return closed;
    }

    /**
     * Bytes of audio the session read, the frames in {@link #binaryFrameSizes()}: all the client sent, except in
     * {@code stop} mode past the maximum duration (and after other early ends, such as a quota close), where the frames
     * that came after the session stopped reading are in {@link #ignoredAudioBytes()} instead.
     */
    public synchronized long audioBytes() {
        return audioBytes;
    }

    /** Bytes of audio that arrived after the session stopped reading (before its close), not transcribed. */
    public synchronized long ignoredAudioBytes() {
        return ignoredAudioBytes;
    }

    /** Every byte of audio that arrived: {@link #audioBytes()} plus {@link #ignoredAudioBytes()}. */
    public synchronized long audioBytesReceived() {
        return audioBytes + ignoredAudioBytes;
    }

    /** The maximum duration that applied to this session, in seconds (0 before its configuration was accepted). */
    public double maxDurationSeconds() {
        return maxDurationSeconds;
    }

    /** True when the audio reached the maximum duration: the metadata said {@code max_reached: true}. */
    public boolean maxReached() {
        return maxReached;
    }

    /**
     * {@link #audioBytes()} when the audio reached the maximum duration, the frame that reached it included; -1 when it
     * did not.
     */
    public long audioBytesAtMaxReached() {
        return audioBytesAtMaxReached;
    }

    /** True when the empty binary frame that ends the audio arrived. */
    public boolean endOfAudio() {
        return endOfAudio;
    }

    /** The close code the emulator sent, or -1 while open (or if the client closed first). */
    public int closeCode() {
        return closeCode;
    }

    /** Why the emulator rejected the client's messages (order or types), or null when they were correct. */
    public String protocolViolation() {
        return protocolViolation;
    }

    void authMode(String mode) {
        this.authMode = mode;
    }

    void configuration(String json) {
        this.configuration = json;
    }

    synchronized void binaryFrame(int size) {
        binaryFrameNanos.add(System.nanoTime());
        binaryFrameSizes.add(size);
        audioBytes += size;
    }

    synchronized void ignoredAudio(int size) {
        ignoredAudioBytes += size;
    }

    void maxDurationSeconds(double seconds) {
        this.maxDurationSeconds = seconds;
    }

    synchronized void markMaxReached() {
        if (!maxReached) {
            audioBytesAtMaxReached = audioBytes;
            maxReached = true;
        }
    }

    synchronized void partialSent() {
        partialSentNanos.add(System.nanoTime());
    }

    void finalMessageSent() {
        finalResultSentNanos = System.nanoTime();
    }

    void closed(boolean closed) {
        this.closed = closed;
    }

    void endOfAudio(boolean end) {
        this.endOfAudioNanos = end ? System.nanoTime() : 0;
        this.endOfAudio = end;
    }

    void closeCode(int code) {
        this.closeCode = code;
    }

    void protocolViolation(String why) {
        this.protocolViolation = why;
    }
}
