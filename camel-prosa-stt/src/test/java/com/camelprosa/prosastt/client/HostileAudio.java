package com.camelprosa.prosastt.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Files that lie: each is what an attacker (or a broken recorder) uploads, with the words its refusal must contain.
 * Made in code; the fuzz tests start from them too.
 */
public final class HostileAudio {

    /** A hostile file: its name (the extension matters), its bytes and a phrase its refusal names. */
    public record Case(String fileName, byte[] bytes, String expected) {
        @Override
        public String toString() {
            return fileName;
        }
    }

    private HostileAudio() {
    }

    public static Map<String, Case> all() {
        Map<String, Case> cases = new LinkedHashMap<>();
        add(cases, "junk-size-wraps.wav", wav(chunk("JUNK", 0xFFFFFFF8L, new byte[8]), fmt(1, 1, 16000, 32000, 2, 16),
                data(-1, 3200)), "no complete fmt chunk");
        add(cases, "fmt-size-wraps.wav", wav(chunk("fmt ", 0xFFFFFFFFL, fmtBody(1, 1, 16000, 32000, 2, 16)), data(-1, 3200)),
                "no data chunk");
        add(cases, "data-longer-than-file.wav", wav(fmt(1, 1, 16000, 32000, 2, 16), data(10_000_000, 3200)),
                "truncated or its header is wrong");
        add(cases, "zero-channels.wav", wav(fmt(1, 0, 16000, 0, 0, 16), data(-1, 3200)), "0 channels");
        add(cases, "zero-rate.wav", wav(fmt(1, 1, 0, 0, 2, 16), data(-1, 3200)), "sample rate of 0");
        add(cases, "zero-byte-rate.wav", wav(fmt(1, 1, 16000, 0, 2, 16), data(-1, 3200)), "byte rate of 0");
        add(cases, "zero-block.wav", wav(fmt(1, 2, 16000, 0, 0, 16), data(-1, 3200)), "a block of 0 bytes");
        add(cases, "truncated-header.wav", java.util.Arrays.copyOf(wav(fmt(1, 1, 16000, 32000, 2, 16), data(-1, 0)), 30),
                "no complete fmt chunk");
        add(cases, "short-fmt.wav", wav(chunk("fmt ", 8, new byte[8]), data(-1, 3200)), "shorter than the 16");
        add(cases, "data-before-fmt.wav", wav(data(3200, 3200), fmt(1, 1, 16000, 32000, 2, 16)), "before any fmt");
        add(cases, "header-only.wav", wav(fmt(1, 1, 16000, 32000, 2, 16), data(0, 0)), "no samples");
        add(cases, "garbage-frames.mp3", garbage(20_000, 1), "not MP3");
        add(cases, "id3-then-garbage.mp3", concat(id3(100), garbage(20_000, 2)), "not MP3");
        add(cases, "id3-only.mp3", id3(5000), "no audio after it");
        return cases;
    }

    private static void add(Map<String, Case> cases, String name, byte[] bytes, String expected) {
        cases.put(name, new Case(name, bytes, expected));
    }

    /** A RIFF/WAVE file of the given chunks, its RIFF size as 0xFFFFFFFF (a streaming writer's placeholder). */
    public static byte[] wav(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(0xFFFFFFFFL));
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    public static byte[] chunk(String id, long declaredSize, byte[] body) {
        return concat(id.getBytes(StandardCharsets.US_ASCII), le32(declaredSize), body);
    }

    public static byte[] fmt(int tag, int channels, int rate, int byteRate, int blockAlign, int bits) {
        return chunk("fmt ", 16, fmtBody(tag, channels, rate, byteRate, blockAlign, bits));
    }

    static byte[] fmtBody(int tag, int channels, int rate, int byteRate, int blockAlign, int bits) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) channels)
                .putInt(rate).putInt(byteRate).putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** A data chunk declaring {@code declared} bytes (-1: the true size) holding {@code bytes} bytes of a tone. */
    public static byte[] data(long declared, int bytes) {
        byte[] samples = new byte[bytes];
        for (int i = 0; i + 1 < bytes; i += 2) {
            short s = (short) (8000 * Math.sin(i * 0.05));
            samples[i] = (byte) s;
            samples[i + 1] = (byte) (s >> 8);
        }
        return chunk("data", declared < 0 ? bytes : declared, samples);
    }

    static byte[] id3(int size) {
        byte[] tag = new byte[10 + size];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 4;
        tag[6] = (byte) ((size >> 21) & 0x7f);
        tag[7] = (byte) ((size >> 14) & 0x7f);
        tag[8] = (byte) ((size >> 7) & 0x7f);
        tag[9] = (byte) (size & 0x7f);
        return tag;
    }

    /** Bytes that are no audio, but not text either, and never an MPEG frame header (no 0xFF). */
    public static byte[] garbage(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == (byte) 0xff) {
                b[i] = 0x7f;
            }
        }
        b[0] = 1; // not text
        return b;
    }

    public static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
