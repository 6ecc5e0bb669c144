package com.camelprosa.prosastt.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where to cut audio that is longer than one session may be: before each limit, at the quietest 20 ms of a window
 * that ends at the limit, so that a cut falls between words. Reads only the windows, forward, in one pass.
 */
final class CutPlanner {

    static final double BLOCK_SECONDS = 0.020;
    /** The longest stretch before a limit searched for a quiet point. */
    static final double MAX_WINDOW_SECONDS = 10;

    private CutPlanner() {
    }

    /**
     * The part boundaries: {@code from}, each cut, then the end of the samples; every part at most
     * {@code maxSeconds} long.
     *
     * @param in         the audio from its first byte; read forward only
     * @param from       where the first part starts (the start of the samples, or the end of parts already done)
     * @param maxSeconds the longest part
     */
    static long[] plan(InputStream in, AudioLayout layout, long from, double maxSeconds) throws IOException {
        long maxBytes = layout.bytesFor(maxSeconds);
        long blockBytes = Math.max(layout.frameBytes(), layout.bytesFor(BLOCK_SECONDS));
        long windowBytes = Math.max(blockBytes, layout.bytesFor(Math.min(MAX_WINDOW_SECONDS, maxSeconds / 4)));
        if (maxBytes < 2 * blockBytes) {
            throw new ProsaSttInvalidConfigurationException("maxSessionDuration=" + maxSeconds + " s is too short to"
                                                            + " cut audio into sessions: use at least a few seconds (the default is just under the server's"
                                                            + " maximum), or 0 to send the audio as one session.", null);
        }
        long[] cuts = new long[16];
        int n = 0;
        cuts[n++] = from;
        long position = 0;
        long start = from;
        byte[] block = new byte[(int) blockBytes];
        while (layout.dataEnd() - start > maxBytes) {
            long limit = start + maxBytes;
            long windowStart = Math.max(start + blockBytes, limit - windowBytes);
            skip(in, windowStart - position, windowStart);
            position = windowStart;
            long quietest = windowStart;
            long least = Long.MAX_VALUE;
            for (long at = windowStart; at + blockBytes <= limit; at += blockBytes) {
                readFully(in, block, at);
                position += blockBytes;
                long energy = energy(block, layout);
                if (energy <= least) { // on a tie the later block: longer parts, fewer sessions
                    least = energy;
                    quietest = at;
                }
            }
            long cut = quietest + blockBytes / 2 / layout.frameBytes() * layout.frameBytes();
            if (n == cuts.length) {
                cuts = java.util.Arrays.copyOf(cuts, n * 2);
            }
            cuts[n++] = cut;
            start = cut;
        }
        if (n == cuts.length) {
            cuts = java.util.Arrays.copyOf(cuts, n + 1);
        }
        cuts[n++] = layout.dataEnd();
        return java.util.Arrays.copyOf(cuts, n);
    }

    /** The sum of the squared samples of every channel in the block. */
    static long energy(byte[] block, AudioLayout layout) {
        long sum = 0;
        int frame = layout.frameBytes();
        for (int at = 0; at + frame <= block.length; at += frame) {
            for (int c = 0; c < layout.channels(); c++) {
                long s = layout.sample(block, at, c);
                sum += s * s;
            }
        }
        return sum;
    }

    private static void skip(InputStream in, long bytes, long to) throws IOException {
        try {
            in.skipNBytes(bytes);
        } catch (EOFException e) {
            throw shorter(to, e);
        }
    }

    private static void readFully(InputStream in, byte[] block, long at) throws IOException {
        if (in.readNBytes(block, 0, block.length) < block.length) {
            throw shorter(at + block.length, null);
        }
    }

    private static ProsaSttInvalidInputException shorter(long at, Throwable cause) {
        return new ProsaSttInvalidInputException("The audio ended before byte " + at + ", though its length said it"
                                                 + " was longer: the file changed or its size lies. Nothing more was sent. Send the audio again once"
                                                 + " it is complete.", cause);
    }
}
