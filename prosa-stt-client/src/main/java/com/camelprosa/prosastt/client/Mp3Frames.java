package com.camelprosa.prosastt.client;

/**
 * MPEG audio frame headers: enough to tell an MP3 from bytes that only claim to be one, and to find frame boundaries.
 * Every read is bounded by the bytes given.
 */
final class Mp3Frames {

    /** How far past the ID3 tag the first frame may start (encoders pad with zeros). */
    private static final int SEARCH = 4096;

    private static final int[][] BITRATES = {
            {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
            {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // MPEG-1 layer II
            {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // MPEG-1 layer III
            {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // MPEG-2/2.5 layer I
            {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // MPEG-2/2.5 layers II and III
    };
    private static final int[][] RATES = {{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    /** One frame header: its length in bytes and the samples and rate it holds. */
    record Frame(int length, int samples, int sampleRate) {
        double seconds() {
            return (double) samples / sampleRate;
        }
    }

    private Mp3Frames() {
    }

    /** The frame whose header starts at {@code at}, or null when the four bytes there are not a valid header. */
    static Frame frameAt(byte[] data, int length, int at) {
        if (at < 0 || at > length - 4 || (data[at] & 0xff) != 0xff || (data[at + 1] & 0xe0) != 0xe0) {
            return null;
        }
        int version = (data[at + 1] >> 3) & 3;
        int layer = (data[at + 1] >> 1) & 3;
        int bitrateIndex = (data[at + 2] >> 4) & 0xf;
        int rateIndex = (data[at + 2] >> 2) & 3;
        int padding = (data[at + 2] >> 1) & 1;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = version == 3;
        int table = mpeg1 ? 3 - layer : layer == 3 ? 3 : 4;
        int bitrate = BITRATES[table][bitrateIndex - 1] * 1000;
        int rate = RATES[version][rateIndex];
        if (layer == 3) { // layer I
            return new Frame((12 * bitrate / rate + padding) * 4, 384, rate);
        }
        boolean halfFrame = layer == 1 && !mpeg1; // MPEG-2/2.5 layer III
        int samples = halfFrame ? 576 : 1152;
        return new Frame(samples / 8 * bitrate / rate + padding, samples, rate);
    }

    /**
     * The length in seconds of MP3 audio of {@code fileLength} bytes, from its first frame: exact for a VBR file whose
     * first frame is a Xing/Info header with a frame count, else from that frame's bit rate (exact for CBR). -1 when
     * the first frame is not within the bytes given.
     */
    static double estimateSeconds(byte[] data, int length, long fileLength) {
        long start = firstFrameSearchStart(data, length);
        int end = (int) Math.min(length, start + SEARCH);
        for (int at = (int) Math.min(start, length); at < end; at++) {
            Frame f = frameAt(data, length, at);
            if (f == null) {
                continue;
            }
            boolean mpeg1 = ((data[at + 1] >> 3) & 3) == 3;
            boolean mono = ((data[at + 3] >> 6) & 3) == 3;
            int xing = at + 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
            if (xing + 12 <= length && (tag(data, xing, "Xing") || tag(data, xing, "Info")) && (data[xing + 7] & 1) != 0) {
                long frames = ((data[xing + 8] & 0xffL) << 24) | ((data[xing + 9] & 0xffL) << 16)
                              | ((data[xing + 10] & 0xffL) << 8) | (data[xing + 11] & 0xffL);
                return frames * f.seconds();
            }
            return fileLength < 0 ? -1 : (double) (fileLength - at) / f.length() * f.seconds();
        }
        return -1;
    }

    private static boolean tag(byte[] data, int at, String ascii) {
        for (int i = 0; i < 4; i++) {
            if (data[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Where the audio frames start: after an ID3v2 tag, if there is one (possibly beyond {@code length}). */
    static long firstFrameSearchStart(byte[] data, int length) {
        if (length >= 10 && data[0] == 'I' && data[1] == 'D' && data[2] == '3') {
            long size = ((data[6] & 0x7fL) << 21) | ((data[7] & 0x7fL) << 14) | ((data[8] & 0x7fL) << 7) | (data[9] & 0x7fL);
            return 10 + size + ((data[5] & 0x10) != 0 ? 10 : 0);
        }
        return 0;
    }

    /**
     * Checks that MP3 audio has two consecutive valid frames near its start.
     *
     * @param  whole                         true when {@code length} bytes are the whole file
     * @throws ProsaSttInvalidInputException when the bytes after the ID3 tag hold no MPEG audio frames
     */
    static void check(byte[] data, int length, boolean whole, String named) {
        long start = firstFrameSearchStart(data, length);
        if (start >= length) {
            if (whole) {
                throw garbage(named, "it has an ID3 tag but no audio after it");
            }
            return; // a large tag (cover art) fills the first chunk: nothing to judge by
        }
        int end = (int) Math.min(length, start + SEARCH);
        for (int at = (int) start; at < end; at++) {
            Frame f = frameAt(data, length, at);
            if (f != null && followedByFrame(data, length, at + f.length(), whole)) {
                return;
            }
        }
        if (end < length || whole) {
            throw garbage(named, "no MPEG audio frame was found in its first " + (end - start) + " bytes of audio");
        }
    }

    /** A frame ends at {@code next}: another starts there, or the bytes end there (or past the bytes read so far). */
    private static boolean followedByFrame(byte[] data, int length, int next, boolean whole) {
        if (next + 4 <= length) {
            return frameAt(data, length, next) != null || whole && length - next == 128 && data[next] == 'T'
                                                         && data[next + 1] == 'A' && data[next + 2] == 'G'; // ID3v1
        }
        return whole ? next == length : true;
    }

    private static ProsaSttInvalidInputException garbage(String named, String why) {
        return new ProsaSttInvalidInputException("The audio" + named + " is not MP3: " + why + ". Nothing was sent and"
                                                 + " no quota was spent. Send a real MP3 file, or set audioFormat to what it is.");
    }
}
