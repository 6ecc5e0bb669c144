package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.camelprosa.prosastt.emulator.SyntheticAudio;

import static com.camelprosa.prosastt.client.HostileAudio.chunk;
import static com.camelprosa.prosastt.client.HostileAudio.concat;
import static com.camelprosa.prosastt.client.HostileAudio.data;
import static com.camelprosa.prosastt.client.HostileAudio.fmt;
import static com.camelprosa.prosastt.client.HostileAudio.fmtBody;
import static com.camelprosa.prosastt.client.HostileAudio.id3;
import static com.camelprosa.prosastt.client.HostileAudio.wav;

/**
 * Writes the seed corpus of {@link ParserFuzzTest}: the {@link HostileAudio} files, well-formed ones, and one server
 * message of each type, each with the zero prefix (the usual call) its target reads its parameters from; for the
 * layout targets (cutPlanner, channelSource) speech-like WAV and raw audio ({@link SyntheticAudio}) with the prefix
 * that declares its format and a session short enough to cut it, and for transcriptMerge a session's messages. Run from the
 * module directory after changing the cases, and commit what changed:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=com.camelprosa.prosastt.client.ParserFuzzTestSeeds -Dexec.classpathScope=test}.
 * Not a test (the name does not end in Test).
 */
public final class ParserFuzzTestSeeds {

    static final Path INPUTS = Path.of("src/test/resources/com/camelprosa/prosastt/client/ParserFuzzTestInputs");

    private ParserFuzzTestSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : INPUTS;
        Map<String, byte[]> wavs = new LinkedHashMap<>();
        Map<String, byte[]> mp3s = new LinkedHashMap<>();
        HostileAudio.all().values().forEach(c -> (c.fileName().endsWith(".mp3") ? mp3s : wavs).put(c.fileName(), c.bytes()));
        wavs.put("pcm16-mono.wav", wav(fmt(1, 1, 16000, 32000, 2, 16), data(-1, 64)));
        wavs.put("pcm16-stereo-list-first.wav", wav(chunk("LIST", 5, "INFOx".getBytes(StandardCharsets.US_ASCII)),
                new byte[1], fmt(1, 2, 8000, 32000, 4, 16), data(-1, 64)));
        wavs.put("extensible.wav", wav(chunk("fmt ", 40, concat(fmtBody(0xFFFE, 1, 48000, 96000, 2, 16), new byte[24])),
                data(-1, 64)));
        wavs.put("alaw-fact.wav", wav(chunk("fmt ", 18, concat(fmtBody(6, 1, 8000, 8000, 1, 8), new byte[2])),
                chunk("fact", 4, new byte[4]), data(-1, 64)));
        wavs.put("streaming-placeholder.wav", wav(fmt(1, 1, 16000, 32000, 2, 16), data(0xFFFFFFFFL, 64)));
        mp3s.put("mpeg1-layer3.mp3", frames(0xFFFB9000, 3));
        mp3s.put("id3-mpeg1-layer3-id3v1.mp3", concat(id3(20), frames(0xFFFB9000, 2), tag()));
        mp3s.put("mpeg2-layer3.mp3", frames(0xFFF39000, 3));
        mp3s.put("mpeg25-layer3.mp3", frames(0xFFE39000, 3));
        mp3s.put("mpeg1-layer2.mp3", frames(0xFFFD9000, 2));
        mp3s.put("mpeg1-layer1-padded.mp3", frames(0xFFFF9200, 2));

        Map<String, byte[]> audio = new LinkedHashMap<>();
        audio.putAll(wavs);
        audio.putAll(mp3s);
        audio.put("flac.flac", concat("fLaC".getBytes(StandardCharsets.US_ASCII), new byte[60]));
        audio.put("flac-4000s.flac", flac(44100, 2, 16, 44100L * 4000));
        audio.put("ogg.opus", concat("OggS".getBytes(StandardCharsets.US_ASCII), new byte[60]));
        audio.put("ebml.webm", concat(new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3}, new byte[60]));
        audio.put("text.wav", "This is not audio, it is a text file.\n".getBytes(StandardCharsets.UTF_8));
        audio.put("samples.pcm", Arrays.copyOfRange(data(-1, 72), 8, 72));

        for (Map.Entry<String, byte[]> e : wavs.entrySet()) {
            write(root.resolve("wavHeader"), e.getKey(), concat(new byte[9], e.getValue()));
        }
        for (Map.Entry<String, byte[]> e : mp3s.entrySet()) {
            write(root.resolve("mp3Check"), e.getKey(), concat(new byte[5], e.getValue()));
            write(root.resolve("mp3FrameAt"), e.getKey(), concat(new byte[5], Arrays.copyOf(e.getValue(), 64)));
        }
        for (Map.Entry<String, byte[]> e : audio.entrySet()) {
            String name = e.getKey();
            byte extension = (byte) ParserFuzzTest.EXTENSIONS.indexOf(name.substring(name.lastIndexOf('.')));
            byte[] prefix = new byte[11];
            prefix[1] = extension;
            write(root.resolve("audioInspector"), name, concat(prefix, e.getValue()));
        }
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("created", "{\"type\":\"created\",\"id\":\"job-1\"}");
        messages.put("status", "{\"type\":\"status\",\"status\":\"complete\"}");
        messages.put("result-channel-fields", "{\"type\":\"result\",\"transcript\":\"a\",\"time_start\":0,\"time_end\":1,"
                                              + "\"channel\":1,\"confidence\":0.9,\"words\":[{\"w\":\"a\"}],\"n\":null}");
        messages.put("partial", "{\"type\":\"partial\",\"transcript\":\"halo\"}");
        messages.put("result", "{\"type\":\"result\",\"transcript\":\"halo dunia\",\"time_start\":0.5,\"time_end\":1.25}");
        messages.put("metadata", "{\"type\":\"metadata\",\"duration\":12.5,\"quota_used\":13,\"max_reached\":false,"
                                 + "\"max_duration\":3600}");
        messages.put("quota", "{\"type\":\"quota\",\"quota_used\":\"100%\"}");
        messages.put("unknown-type", "{\"type\":\"hello\",\"extra\":[1,{\"a\":null}]}");
        messages.put("wrong-types", "{\"type\":\"result\",\"transcript\":7,\"time_start\":\"x\",\"time_end\":[]}");
        messages.put("not-an-object", "[\"type\",\"created\"]");
        messages.put("not-json", "type=created");
        for (Map.Entry<String, String> e : messages.entrySet()) {
            write(root.resolve("serverMessage"), e.getKey() + ".json", e.getValue().getBytes(StandardCharsets.UTF_8));
        }

        // Layout targets: 1 kHz (few bytes a second), so that a few seconds make a few parts of a 1 s session.
        byte[] words = SyntheticAudio.pcm(1000, 0.3, 0.4, 0.5, 0.6, 0.4);
        byte[] other = SyntheticAudio.pcm(1000, 0.8, 0.2, 0.3, 0.9);
        Map<String, byte[]> laid = new LinkedHashMap<>();
        laid.put("mono-1khz.wav", concat(layout(0, 0, 0, 0, 0, 1000, 0, 0), SyntheticAudio.wav(1000, 0.3, 0.4, 0.5, 0.6, 0.4)));
        laid.put("stereo-1khz.wav", concat(layout(0, 0, 0, 0, 0, 1500, 0, 1), SyntheticAudio.multiChannelWav(1000, words, other)));
        laid.put("three-channels-odd-end.wav", concat(layout(0, 0, 0, 0, 0, 700, 0, 2),
                SyntheticAudio.multiChannelWav(1000, words, other, words), new byte[] {1, 2, 3}));
        laid.put("mono-1khz-longer-than-said.wav", concat(layout(0, 0, 2, 0, 0, 1000, 1000, 0),
                SyntheticAudio.wav(1000, 0.3, 0.4, 0.5, 0.6, 0.4)));
        laid.put("mono-1khz-shorter-than-said.wav", concat(layout(0, 0, 1, 0, 0, 1000, 4000, 0),
                SyntheticAudio.wav(1000, 0.3, 0.4, 0.5, 0.6, 0.4)));
        laid.put("mono-1khz-from-later.wav", concat(layout(0, 0, 128, 0, 0, 1000, 0, 1200),
                SyntheticAudio.wav(1000, 0.3, 0.4, 0.5, 0.6, 0.4)));
        laid.put("streaming-placeholder.wav", concat(layout(0, 0, 0, 0, 0, 1000, 0, 0),
                wav(fmt(1, 1, 1000, 2000, 2, 16), chunk("data", 0xFFFFFFFFL, words))));
        laid.put("mulaw-stereo.wav", concat(layout(0, 0, 0, 0, 0, 100, 0, 1),
                wav(fmt(7, 2, 8000, 16000, 2, 8), data(-1, 4000))));
        laid.put("alaw-fact.wav", concat(layout(0, 0, 0, 0, 0, 100, 0, 0),
                wav(chunk("fmt ", 18, concat(fmtBody(6, 1, 8000, 8000, 1, 8), new byte[2])), chunk("fact", 4, new byte[4]),
                        data(-1, 2000))));
        laid.put("extensible-first-chunk.wav", concat(layout(0, 0, 32, 99, 0, 100, 0, 0),
                wav(chunk("fmt ", 40, concat(fmtBody(0xFFFE, 1, 8000, 16000, 2, 16), new byte[24])), data(-1, 4000))));
        laid.put("stereo.s16le", concat(layout(2, 0, 4 | 8, 0, 2, 1000, 0, 1), SyntheticAudio.interleave(words, other)));
        laid.put("mono.ulaw", concat(layout(3, 0, 4, 0, 0, 100, 0, 0), Arrays.copyOfRange(data(-1, 2008), 8, 2008)));
        laid.put("stereo.alaw", concat(layout(4, 0, 4 | 8, 0, 0, 50, 0, 1), Arrays.copyOfRange(data(-1, 2008), 8, 2008)));
        for (Map.Entry<String, byte[]> e : laid.entrySet()) {
            write(root.resolve("cutPlanner"), e.getKey(), e.getValue());
            write(root.resolve("channelSource"), e.getKey(), e.getValue());
        }

        Map<String, String> sessions = new LinkedHashMap<>();
        sessions.put("one-session", "\u0000\u0000" + String.join("\n\u0000", messages.get("created"), messages.get("result"),
                messages.get("result-channel-fields"), messages.get("status"), messages.get("metadata")));
        sessions.put("two-channels", "\u0001" + String.join("\n", "\u0000{\"type\":\"created\",\"id\":\"a\"}",
                "\u0001{\"type\":\"created\",\"id\":\"b\"}",
                "\u0000{\"type\":\"result\",\"transcript\":\"halo\",\"time_start\":1.5,\"time_end\":2}",
                "\u0001{\"type\":\"result\",\"transcript\":\"ya\",\"time_start\":0.5,\"time_end\":1}",
                "\u0001{\"type\":\"result\",\"transcript\":\"\",\"time_start\":3,\"time_end\":3}",
                "\u0000{\"type\":\"status\",\"status\":\"complete\"}",
                "\u0000{\"type\":\"result\",\"transcript\":\"late\",\"time_start\":9,\"time_end\":9.5}",
                "\u0000{\"type\":\"metadata\",\"duration\":2,\"quota_used\":1}",
                "\u0001{\"type\":\"metadata\",\"duration\":3,\"quota_used\":1,\"max_reached\":true}"));
        for (Map.Entry<String, String> e : sessions.entrySet()) {
            write(root.resolve("transcriptMerge"), e.getKey() + ".txt", e.getValue().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The prefix {@code ParserFuzzTest.layout} reads: format (index in LAYOUT_FORMATS), extension (index in
     * EXTENSIONS), mode, chunk, rate (index in RATES unless mode bit 4), channels (1 + it, unless bit 4),
     * maxSessionDuration ms, n, k.
     */
    private static byte[] layout(int format, int extension, int mode, int chunk, int rate, long maxMs, long n, int channelsOrK) {
        return ByteBuffer.allocate(33).order(ByteOrder.LITTLE_ENDIAN).put((byte) format).put((byte) extension)
                .put((byte) mode).putShort((short) chunk).putInt(rate).putInt(channelsOrK).putLong(maxMs).putLong(n)
                .putInt(channelsOrK).array();
    }

    /** {@code count} MPEG frames of the given header, each as long as the header says, after it zeros. */
    private static byte[] frames(int header, int count) {
        byte[] h = {(byte) (header >>> 24), (byte) (header >>> 16), (byte) (header >>> 8), (byte) header};
        Mp3Frames.Frame f = Mp3Frames.frameAt(h, 4, 0);
        if (f == null) {
            throw new IllegalArgumentException("not a frame header: " + Integer.toHexString(header));
        }
        byte[] out = new byte[f.length() * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(h, 0, out, i * f.length(), 4);
        }
        return out;
    }

    /** A FLAC signature and STREAMINFO block declaring the given layout and length, then a few zeros. */
    private static byte[] flac(int rate, int channels, int bits, long samples) {
        byte[] f = new byte[8 + 34 + 16];
        f[0] = 'f';
        f[1] = 'L';
        f[2] = 'a';
        f[3] = 'C';
        f[4] = (byte) 0x80; // last metadata block, type 0 (STREAMINFO)
        f[7] = 34;
        int b = 8 + 10;
        f[b] = (byte) (rate >> 12);
        f[b + 1] = (byte) (rate >> 4);
        f[b + 2] = (byte) ((rate & 0xf) << 4 | (channels - 1) << 1 | (bits - 1) >> 4);
        f[b + 3] = (byte) (((bits - 1) & 0xf) << 4 | (int) (samples >>> 32) & 0xf);
        for (int i = 0; i < 4; i++) {
            f[b + 4 + i] = (byte) (samples >>> (24 - 8 * i));
        }
        return f;
    }

    /** An ID3v1 tag: 128 bytes starting with TAG. */
    private static byte[] tag() {
        byte[] t = new byte[128];
        t[0] = 'T';
        t[1] = 'A';
        t[2] = 'G';
        return t;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), bytes);
    }
}
