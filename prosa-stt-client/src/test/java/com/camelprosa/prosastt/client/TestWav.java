package com.camelprosa.prosastt.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** WAV files built byte by byte for the tests, including the broken ones real files sometimes are. */
final class TestWav {

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    private TestWav() {
    }

    /** An empty RIFF/WAVE container; add chunks, then {@link #bytes()}. */
    static TestWav riff() {
        return new TestWav();
    }

    /** A 16-bit PCM WAV of {@code seconds} of silence. */
    static byte[] pcm16(int sampleRate, int channels, double seconds) {
        int dataBytes = (int) Math.round(seconds * sampleRate) * 2 * channels;
        return riff().fmt(1, channels, sampleRate, 2 * channels, 16).data(new byte[dataBytes]).bytes();
    }

    TestWav fmt(int formatTag, int channels, int sampleRate, int blockAlign, int bits) {
        return fmt(formatTag, channels, sampleRate, (long) sampleRate * blockAlign, blockAlign, bits);
    }

    TestWav fmt(int formatTag, int channels, int sampleRate, long byteRate, int blockAlign, int bits) {
        ByteBuffer b = le(16).putShort((short) formatTag).putShort((short) channels).putInt(sampleRate)
                .putInt((int) byteRate).putShort((short) blockAlign).putShort((short) bits);
        return chunk("fmt ", b.array(), 16);
    }

    TestWav data(byte[] samples) {
        return chunk("data", samples, samples.length);
    }

    /** A chunk whose header declares {@code declaredSize} (a lie, when it differs from the body's length). */
    TestWav chunk(String id, byte[] body, long declaredSize) {
        chunks.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes(le(4).putInt((int) declaredSize).array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1 && declaredSize == body.length) {
            chunks.write(0); // RIFF pads odd chunks
        }
        return this;
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4).putInt(4 + body.length).array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
