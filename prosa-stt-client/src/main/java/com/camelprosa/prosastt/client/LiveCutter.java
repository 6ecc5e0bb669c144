package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The reader of a live stream that is cut into parts: reads the stream on one thread and hands each whole frame to
 * exactly one part, as it comes. The cut falls at the end of the first quiet 20 ms of a window before each limit (or
 * at the limit); the next part's session is opened ahead of that window, so the next part goes on from the cut
 * without waiting for a connect.
 */
final class LiveCutter {

    /** Quiet: a 20 ms block whose RMS is below this share of the part's mean RMS, or below the floor. */
    static final double QUIET_SHARE = 0.1;
    static final double QUIET_FLOOR_RMS = 100;
    /** The most audio by which the next session connects ahead of the cut window. */
    static final double CONNECT_AHEAD_SECONDS = 2;

    private final StreamRequest request;
    private final AudioLayout layout;
    private final double maxSeconds;
    private final LiveParts parts;
    private final Runnable stopReading;

    /** @param stopReading closes the live stream once it has been read to its end */
    LiveCutter(StreamRequest request, AudioLayout layout, double maxSeconds, LiveParts parts, Runnable stopReading) {
        this.request = request;
        this.layout = layout;
        this.maxSeconds = maxSeconds;
        this.parts = parts;
        this.stopReading = stopReading;
    }

    /** Reads {@code in} to its end, after {@code head} (its first bytes, already read), into parts. */
    void cut(byte[] head, InputStream in) throws IOException {
        int frame = layout.frameBytes();
        long maxBytes = layout.bytesFor(maxSeconds);
        long block = Math.max(frame, layout.bytesFor(CutPlanner.BLOCK_SECONDS));
        long window = Math.max(block, layout.bytesFor(Math.min(CutPlanner.MAX_WINDOW_SECONDS,
                Math.min(maxSeconds / 4, request.responseTimeout() / 2000.0))));
        // the next session connects this much audio ahead of the window, so it is ready whatever the window's first
        // quiet block, and waits for its first audio at most window + lead: within responseTimeout
        long lead = layout.bytesFor(Math.min(CONNECT_AHEAD_SECONDS, Math.min(maxSeconds / 8,
                request.responseTimeout() / 4000.0)));
        if (maxBytes < 2 * block) {
            throw new ProsaSttInvalidConfigurationException("maxSessionDuration=" + maxSeconds + " s is too short to cut"
                                                            + " audio into sessions: use at least a few seconds, or 0 to send the audio as one session.", null);
        }
        LiveParts.Part current = parts.open(0, 0, layout);
        LiveParts.Part next = null;
        long partBytes = 0; // samples in the current part
        long totalBytes = 0; // samples before the current part
        long inBlock = 0;
        long blockEnergy = 0;
        double partEnergy = 0;
        long partBlocks = 0;
        byte[] buf = new byte[Math.max(request.chunkSize(), frame)];
        byte[] chunk = Arrays.copyOfRange(head, (int) Math.min(head.length, layout.dataOffset()), head.length);
        int carry = 0; // bytes of an incomplete frame held back from the last chunk
        byte[] pending = new byte[frame];
        while (true) {
            int at = 0;
            int n = chunk.length;
            if (carry > 0) { // complete the frame split across chunks
                int take = Math.min(frame - carry, n);
                System.arraycopy(chunk, 0, pending, carry, take);
                carry += take;
                at = take;
                if (carry == frame) {
                    if (!current.pipe.write(pending, 0, frame)) {
                        return;
                    }
                    blockEnergy += CutPlanner.energy(pending, layout);
                    partBytes += frame;
                    inBlock += frame;
                    carry = 0;
                }
            }
            while (at + frame <= n) {
                int stop = (int) Math.min(n, at + ((block - inBlock) / frame) * frame);
                stop = Math.max(stop, at + frame);
                stop = at + (stop - at) / frame * frame;
                byte[] span = Arrays.copyOfRange(chunk, at, stop);
                if (!current.pipe.write(span, 0, span.length)) {
                    return; // the part's session ended: the failure is on its way
                }
                blockEnergy += CutPlanner.energy(span, layout);
                partBytes += span.length;
                inBlock += span.length;
                at = stop;
                if (inBlock < block) {
                    continue;
                }
                double rms = Math.sqrt((double) blockEnergy / (inBlock / layout.bytesPerSample()));
                partEnergy += rms;
                partBlocks++;
                inBlock = 0;
                blockEnergy = 0;
                boolean inWindow = partBytes >= maxBytes - window;
                if (request.connectAhead() && partBytes >= maxBytes - window - lead && next == null) {
                    next = parts.open(current.index + 1, layout.seconds(totalBytes + partBytes), layout);
                }
                boolean quiet = rms <= Math.max(QUIET_FLOOR_RMS, QUIET_SHARE * partEnergy / partBlocks);
                if (inWindow && quiet || partBytes + block + frame > maxBytes) {
                    current.pipe.end();
                    totalBytes += partBytes;
                    partBytes = 0;
                    partEnergy = 0;
                    partBlocks = 0;
                    current = next == null ? parts.open(current.index + 1, layout.seconds(totalBytes), layout) : next;
                    next = null;
                    current.offsetSeconds = layout.seconds(totalBytes); // no audio reached it yet: no event has a time
                }
            }
            if (at < n) {
                carry = n - at;
                System.arraycopy(chunk, at, pending, 0, carry);
            }
            int read = in.read(buf);
            if (read < 0) {
                break;
            }
            chunk = Arrays.copyOf(buf, read);
        }
        parts.inputEnded();
        stopReading.run(); // the live stream is consumed: close it, as for one session
        if (partBytes == 0 && current.index > 0) {
            parts.drop(current); // the audio ended at the cut: a part of no audio would be a job of its own, billed
        } else {
            current.pipe.end();
        }
        if (next != null) { // connected ahead, but the audio ended first: it gets no audio, and is not a part
            parts.drop(next);
        }
        parts.completeIfDone();
    }
}
