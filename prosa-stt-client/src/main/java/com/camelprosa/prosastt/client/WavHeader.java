package com.camelprosa.prosastt.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header of a RIFF/WAVE file, read from its first bytes: the one reader of WAV headers (format detection, pacing,
 * rollover, channel splitting, the example all use it).
 * <p>
 * Chunk sizes are unsigned 32-bit values read into {@code long}s, and the chunk walk only moves forward within the
 * bytes given, so no size a file declares can make it loop or overflow.
 *
 * @param formatTag     1 for integer PCM, 3 for float, 6/7 for A-law/μ-law, 0xFFFE for an extensible format
 * @param channels      the number of interleaved channels (at least 1)
 * @param sampleRate    samples per second per channel (at least 1)
 * @param byteRate      bytes per second as the header declares it (may be 0 in a broken file)
 * @param blockAlign    bytes per sample frame (all channels)
 * @param bitsPerSample bits per sample of one channel
 * @param dataOffset    where the samples start, from the start of the file
 * @param dataSize      the data chunk's declared size in bytes, or {@link #UNKNOWN_SIZE} when the header is a
 *                      streaming placeholder (0 or 0xFFFFFFFF)
 */
public record WavHeader(int formatTag, int channels, int sampleRate, long byteRate, int blockAlign, int bitsPerSample,
        int dataOffset, long dataSize) {

    /** The data size of a WAV written while recording: its writer did not know the length. */
    public static final long UNKNOWN_SIZE = -1;

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    /** True when the bytes start with a RIFF/WAVE signature. */
    public static boolean isWav(byte[] head, int length) {
        return length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
               && head[8] == 'W' && head[9] == 'A' && head[10] == 'V' && head[11] == 'E';
    }

    /**
     * Reads the header from the first bytes of a WAV file.
     *
     * @param  head                          the first bytes; {@code length} of them are valid
     * @param  fileLength                    the whole file's length, or -1 when unknown (a live stream)
     * @return                               the header, or null when the bytes do not start with RIFF/WAVE
     * @throws ProsaSttInvalidInputException when the header is truncated, lies about its sizes, or declares no
     *                                       channels or no sample rate
     */
    public static WavHeader read(byte[] head, int length, long fileLength) {
        if (!isWav(head, length)) {
            return null;
        }
        boolean whole = fileLength >= 0 && length >= fileLength;
        ByteBuffer b = ByteBuffer.wrap(head, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 12;
        ByteBuffer fmt = null;
        while (pos + 8 <= length) {
            int at = (int) pos;
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (chunk(head, at, "fmt ")) {
                if (size < 16) {
                    throw invalid("its fmt chunk is " + size + " bytes long, shorter than the 16 a WAV needs");
                }
                if (at + 8 + 16 > length) {
                    break;
                }
                fmt = ByteBuffer.wrap(head, at + 8, 16).slice().order(ByteOrder.LITTLE_ENDIAN);
            } else if (chunk(head, at, "data")) {
                if (fmt == null) {
                    throw invalid("its data chunk comes before any fmt chunk");
                }
                return header(fmt, at + 8, size, fileLength);
            }
            pos += 8 + size + (size & 1);
        }
        if (whole || fileLength >= 0 && pos >= fileLength) {
            throw invalid(fmt == null ? "it has no complete fmt chunk" : "it has no data chunk: there are no samples");
        }
        throw invalid("its header is longer than the first " + length + " bytes read (a fmt or data chunk was not"
                      + " found there); raise chunkSize, or remove the large chunks before the samples");
    }

    private static WavHeader header(ByteBuffer fmt, int dataOffset, long declared, long fileLength) {
        int tag = fmt.getShort(0) & 0xffff;
        int channels = fmt.getShort(2) & 0xffff;
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        long byteRate = Integer.toUnsignedLong(fmt.getInt(8));
        int blockAlign = fmt.getShort(12) & 0xffff;
        int bits = fmt.getShort(14) & 0xffff;
        if (channels == 0) {
            throw invalid("its header declares 0 channels");
        }
        if (rate == 0 || rate > 1_000_000) {
            throw invalid("its header declares a sample rate of " + rate + " Hz");
        }
        if ((tag == PCM || tag == EXTENSIBLE) && (bits == 0 || blockAlign == 0 || blockAlign < channels)) {
            throw invalid("its PCM header declares " + bits + " bits per sample and a block of " + blockAlign
                          + " bytes for " + channels + " channel(s)");
        }
        if ((tag == PCM || tag == EXTENSIBLE) && byteRate != rate * blockAlign) {
            throw invalid("its header declares a byte rate of " + byteRate + " bytes/s, but " + rate + " Hz in blocks"
                          + " of " + blockAlign + " bytes make " + rate * blockAlign);
        }
        long dataSize = declared == 0 || declared == 0xFFFFFFFFL ? UNKNOWN_SIZE : declared;
        if (dataSize != UNKNOWN_SIZE && fileLength >= 0 && dataOffset + dataSize > fileLength) {
            throw invalid("its header declares " + dataSize + " bytes of samples, but the file holds only "
                          + Math.max(0, fileLength - dataOffset) + " after the header: the file is truncated or its"
                          + " header is wrong");
        }
        if (fileLength >= 0 && dataOffset >= fileLength) {
            throw invalid("it has a header but no samples: there is nothing to transcribe");
        }
        return new WavHeader(tag, channels, (int) rate, byteRate, blockAlign, bits, dataOffset, dataSize);
    }

    /** True for 16-bit integer PCM, the samples this client can cut and split. */
    public boolean isPcm16() {
        return (formatTag == PCM || formatTag == EXTENSIBLE) && bitsPerSample == 16 && blockAlign == 2 * channels;
    }

    /** Bytes per second of the samples: from the layout for PCM, else as declared (0 when unknown). */
    public double bytesPerSecond() {
        if ((formatTag == PCM || formatTag == EXTENSIBLE) && blockAlign > 0) {
            return (double) sampleRate * blockAlign;
        }
        return byteRate;
    }

    /** The length in seconds of {@code bytes} bytes of samples, or -1 when the byte rate is unknown. */
    public double seconds(long bytes) {
        double rate = bytesPerSecond();
        return rate > 0 ? bytes / rate : -1;
    }

    private static boolean chunk(byte[] head, int at, String id) {
        return head[at] == id.charAt(0) && head[at + 1] == id.charAt(1) && head[at + 2] == id.charAt(2)
               && head[at + 3] == id.charAt(3);
    }

    private static ProsaSttInvalidInputException invalid(String why) {
        return new ProsaSttInvalidInputException("The WAV audio cannot be sent: " + why + ". Nothing was sent and no"
                                                 + " quota was spent. Send a well-formed WAV file, or convert it (e.g. sox in.wav out.wav).");
    }
}
