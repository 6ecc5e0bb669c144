package com.camelprosa.component.prosastt.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The byte rate of audio, for sending it at its own pace ({@code realtime=true}). */
final class AudioPacing {

    private AudioPacing() {
    }

    /**
     * Bytes per second of the audio, from the WAV header in its first bytes or, for raw audio, from the declared
     * rate and channels.
     *
     * @throws ProsaSttInvalidInputException when the rate cannot be known (compressed formats)
     */
    static double bytesPerSecond(byte[] head, AudioFormat format, Integer sampleRate, Integer channels) {
        if (format == AudioFormat.WAV) {
            double rate = wavByteRate(head);
            if (rate > 0) {
                return rate;
            }
        } else if (format != null && format.isRaw() && sampleRate != null) {
            int bytesPerSample = format == AudioFormat.S16LE ? 2 : 1;
            return (double) sampleRate * (channels == null ? 1 : channels) * bytesPerSample;
        }
        throw new ProsaSttInvalidInputException("realtime=true needs to know the audio's rate: send a WAV file, or raw"
                                                + " audio (s16le, pcm_mulaw, pcm_alaw) with sampleRate and channels."
                                                + " Compressed formats are sent as fast as the server reads them.");
    }

    /** The byte rate when the audio announces it (WAV, or raw audio with a sample rate), else 0. */
    static double knownBytesPerSecond(byte[] head, AudioFormat format, Integer sampleRate, Integer channels) {
        try {
            return bytesPerSecond(head, format, sampleRate, channels);
        } catch (ProsaSttInvalidInputException e) {
            return 0;
        }
    }

    private static double wavByteRate(byte[] head) {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= head.length) {
            String id = new String(head, pos, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            if ("fmt ".equals(id) && pos + 20 <= head.length) {
                return Integer.toUnsignedLong(b.getInt(pos + 16));
            }
            pos += 8 + (int) (size + (size & 1));
        }
        return 0;
    }
}
