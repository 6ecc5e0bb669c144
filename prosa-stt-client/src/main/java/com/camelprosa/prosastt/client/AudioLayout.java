package com.camelprosa.prosastt.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where the samples of uncompressed audio lie and how they are laid out: what it takes to cut the audio between two
 * samples (rollover) or to take its channels apart. Only 16-bit PCM, μ-law and A-law qualify, in a WAV or raw.
 *
 * @param format         WAV, S16LE, PCM_MULAW or PCM_ALAW
 * @param samples        the encoding of each sample: S16LE, PCM_MULAW or PCM_ALAW (a WAV's samples are one of them)
 * @param wav            the WAV header, or null for raw audio
 * @param channels       interleaved channels
 * @param sampleRate     samples per second per channel
 * @param bytesPerSample 2 for 16-bit PCM, 1 for μ-law and A-law
 * @param dataOffset     where the samples start
 * @param dataEnd        where they end (the file's end, or the data chunk's, whichever comes first)
 */
record AudioLayout(AudioFormat format, AudioFormat samples, WavHeader wav, int channels, int sampleRate, int bytesPerSample, long dataOffset,
        long dataEnd) {

    private static final int WAVE_MULAW = 7;
    private static final int WAVE_ALAW = 6;

    /** The layout of audio of {@code length} bytes, or null when it cannot be cut without decoding. */
    static AudioLayout of(AudioInspector.Inspection audio, StreamRequest request, long length) {
        if (length < 0 || audio.format() == null) {
            return null;
        }
        WavHeader wav = audio.wav();
        if (wav != null) {
            int bytes = wav.isPcm16() ? 2
                    : (wav.formatTag() == WAVE_MULAW || wav.formatTag() == WAVE_ALAW) && wav.bitsPerSample() == 8
                      && wav.blockAlign() == wav.channels() ? 1 : 0;
            if (bytes == 0 || wav.channels() > StreamRequest.MAX_CHANNELS) {
                return null;
            }
            long end = wav.dataSize() == WavHeader.UNKNOWN_SIZE ? length : Math.min(length, wav.dataOffset() + wav.dataSize());
            end = Math.max(wav.dataOffset(), end); // a length said shorter than the header read: no samples, not fewer
            AudioFormat samples = bytes == 2 ? AudioFormat.S16LE
                    : wav.formatTag() == WAVE_MULAW ? AudioFormat.PCM_MULAW : AudioFormat.PCM_ALAW;
            return new AudioLayout(AudioFormat.WAV, samples, wav, wav.channels(), wav.sampleRate(), bytes,
                    wav.dataOffset(), end);
        }
        if (audio.format().isRaw() && request.sampleRate() != null) {
            int channels = request.channels() == null ? 1 : request.channels();
            return new AudioLayout(audio.format(), audio.format(), null, channels, request.sampleRate(),
                    audio.format() == AudioFormat.S16LE ? 2 : 1, 0, length);
        }
        return null;
    }

    int frameBytes() {
        return channels * bytesPerSample;
    }

    double bytesPerSecond() {
        return (double) sampleRate * frameBytes();
    }

    double seconds(long dataBytes) {
        return dataBytes / bytesPerSecond();
    }

    /** The number of whole sample frames (all channels) in {@code seconds}, as bytes. */
    long bytesFor(double seconds) {
        return (long) Math.floor(seconds * sampleRate) * frameBytes();
    }

    /** The sample of channel {@code channel} in the frame at {@code at}, as a 16-bit linear value. */
    int sample(byte[] data, int at, int channel) {
        int i = at + channel * bytesPerSample;
        if (bytesPerSample == 2) {
            return (short) ((data[i] & 0xff) | (data[i + 1] << 8));
        }
        return samples == AudioFormat.PCM_MULAW ? ulaw(data[i]) : alaw(data[i]);
    }

    /**
     * A canonical 44-byte WAV header for {@code dataBytes} bytes of these samples, with {@code channels} channels;
     * a negative {@code dataBytes} writes the sizes of a stream still being recorded (0xFFFFFFFF).
     */
    byte[] wavHeader(long dataBytes, int channels) {
        int tag = bytesPerSample == 2 ? 1 : samples == AudioFormat.PCM_MULAW ? WAVE_MULAW : WAVE_ALAW;
        int block = channels * bytesPerSample;
        long size = dataBytes < 0 ? 0xFFFFFFFFL - 36 : Math.min(dataBytes, 0xFFFFFFFFL - 36);
        return ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN).put(new byte[] {'R', 'I', 'F', 'F'})
                .putInt((int) (36 + size)).put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) tag).putShort((short) channels).putInt(sampleRate).putInt(sampleRate * block)
                .putShort((short) block).putShort((short) (bytesPerSample * 8)).put(new byte[] {'d', 'a', 't', 'a'})
                .putInt(dataBytes < 0 ? -1 : (int) size).array();
    }

    private static int ulaw(byte b) {
        int u = ~b & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    private static int alaw(byte b) {
        int a = (b ^ 0x55) & 0xff;
        int t = (a & 0x0f) << 4;
        int seg = (a & 0x70) >> 4;
        t = seg == 0 ? t + 8 : seg == 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
        return (a & 0x80) != 0 ? t : -t;
    }
}
