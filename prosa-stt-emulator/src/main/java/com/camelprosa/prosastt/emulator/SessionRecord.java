package com.camelprosa.prosastt.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the emulator saw of one websocket session, for tests to assert on the client's behaviour. */
public final class SessionRecord {

    private volatile String authMode;
    private volatile String configuration;
    private final List<Integer> binaryFrameSizes = new CopyOnWriteArrayList<>();
    private final List<Long> binaryFrameNanos = new CopyOnWriteArrayList<>();
    private final List<Long> partialSentNanos = new CopyOnWriteArrayList<>();
    private volatile long finalResultSentNanos;
    private volatile boolean closed;
    private volatile boolean endOfAudio;
    private volatile int closeCode = -1;
    private volatile String protocolViolation;

    /** {@code header} or {@code message}, once the client authenticated; null before. */
    public String authMode() {
        return authMode;
    }

    /** The configuration message exactly as received, or null. */
    public String configuration() {
        return configuration;
    }

    /** Sizes of the audio frames received, in order, the empty end frame excluded. */
    public List<Integer> binaryFrameSizes() {
        return List.copyOf(binaryFrameSizes);
    }

    /** {@link System#nanoTime()} when each audio frame arrived, in order (for pacing measurements). */
    public List<Long> binaryFrameNanos() {
        return List.copyOf(binaryFrameNanos);
    }

    /** {@link System#nanoTime()} when each partial left the emulator. */
    public List<Long> partialSentNanos() {
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

    public long audioBytes() {
        return binaryFrameSizes.stream().mapToLong(Integer::longValue).sum();
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

    void binaryFrame(int size) {
        binaryFrameNanos.add(System.nanoTime());
        binaryFrameSizes.add(size);
    }

    void partialSent() {
        partialSentNanos.add(System.nanoTime());
    }

    void finalMessageSent() {
        finalResultSentNanos = System.nanoTime();
    }

    void closed(boolean closed) {
        this.closed = closed;
    }

    void endOfAudio(boolean end) {
        this.endOfAudio = end;
    }

    void closeCode(int code) {
        this.closeCode = code;
    }

    void protocolViolation(String why) {
        this.protocolViolation = why;
    }
}
