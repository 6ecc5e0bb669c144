package com.camelprosa.prosastt.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Speech-like test audio made in code: 16-bit mono PCM with tone bursts ("words") between silences, so the emulator's
 * voice activity detection finds one segment per burst at known times. Nothing to commit, any length.
 */
public final class SyntheticAudio {

    private SyntheticAudio() {
    }

    /**
     * A WAV file: {@code leadSilence} seconds of silence, then for each burst its seconds of tone followed by
     * {@code gapSeconds} of silence.
     */
    public static byte[] wav(int sampleRate, double leadSilence, double gapSeconds, double... bursts) {
        byte[] pcm = pcm(sampleRate, leadSilence, gapSeconds, bursts);
        return concat(wavHeader(sampleRate, 1, pcm.length), pcm);
    }

    /** The same audio as {@link #wav} without a header (raw {@code s16le}). */
    public static byte[] pcm(int sampleRate, double leadSilence, double gapSeconds, double... bursts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        silence(out, sampleRate, leadSilence);
        for (double burst : bursts) {
            int samples = (int) Math.round(burst * sampleRate);
            ByteBuffer b = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < samples; i++) {
                b.putShort((short) (8000 * Math.sin(2 * Math.PI * 220 * i / sampleRate)));
            }
            out.writeBytes(b.array());
            silence(out, sampleRate, gapSeconds);
        }
        return out.toByteArray();
    }

    /**
     * A WAV file with one channel per argument, each 16-bit mono PCM (e.g. from {@link #pcm}): channel {@code c} of the
     * file is {@code channelPcm[c]}, the shorter ones padded with silence.
     */
    public static byte[] multiChannelWav(int sampleRate, byte[]... channelPcm) {
        byte[] pcm = interleave(channelPcm);
        return concat(wavHeader(sampleRate, channelPcm.length, pcm.length), pcm);
    }

    /** Raw multi-channel {@code s16le}: the mono 16-bit PCM of each channel interleaved, the shorter ones padded. */
    public static byte[] interleave(byte[]... channelPcm) {
        int channels = channelPcm.length;
        int samples = 0;
        for (byte[] pcm : channelPcm) {
            samples = Math.max(samples, pcm.length / 2);
        }
        byte[] out = new byte[samples * channels * 2];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < channelPcm[c].length / 2; i++) {
                out[(i * channels + c) * 2] = channelPcm[c][i * 2];
                out[(i * channels + c) * 2 + 1] = channelPcm[c][i * 2 + 1];
            }
        }
        return out;
    }

    /** A 44-byte canonical WAV header for 16-bit PCM. */
    public static byte[] wavHeader(int sampleRate, int channels, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) Math.min(0xffffffffL, 36 + dataBytes))
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(sampleRate).putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) Math.min(0xffffffffL, dataBytes));
        return h.array();
    }

    private static void silence(ByteArrayOutputStream out, int sampleRate, double seconds) {
        out.writeBytes(new byte[(int) Math.round(seconds * sampleRate) * 2]);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
