package com.camelprosa.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import com.camelprosa.prosastt.emulator.SyntheticAudio;

/**
 * The long WAV files of rows 7 and 8, written under target/bench and deleted after the row: a mono recording, the
 * parts of one as standalone WAV files, a stereo call and one of its channels. 16 kHz 16-bit; none is held in memory
 * whole (row 7's probe writes its parts at -Xmx64m).
 */
final class RecordingFiles {

    /** The agent speaks (1 s of tone) while the customer is silent, then the other way round. */
    private static final byte[] AGENT = SyntheticAudio.pcm(SyntheticWav.RATE, 0, 1.0, 1.0);
    private static final byte[] CUSTOMER = SyntheticAudio.pcm(SyntheticWav.RATE, 1.0, 0, 1.0);
    private static final byte[] STEREO_PERIOD = SyntheticAudio.interleave(AGENT, CUSTOMER);

    private RecordingFiles() {
    }

    /** A mono WAV of {@code seconds}: 1 s of tone, 1 s of silence, repeated ({@link SyntheticWav}). */
    static Path mono(Path file, double seconds) throws IOException {
        try (InputStream in = SyntheticWav.ofSeconds(seconds)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The bytes {@code [start, end)} of a mono 16 kHz WAV as a WAV file of their own (a 44-byte header first). */
    static Path part(Path wav, long start, long end, Path file) throws IOException {
        try (FileChannel in = FileChannel.open(wav, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(SyntheticAudio.wavHeader(SyntheticWav.RATE, 1, end - start)));
            for (long at = start; at < end;) {
                at += in.transferTo(at, end - at, out);
            }
        }
        return file;
    }

    /** A stereo WAV of {@code seconds}: a dialogue, channel 0 (agent) and 1 (customer) taking turns each second. */
    static Path stereo(Path file, double seconds) throws IOException {
        long data = (long) (seconds * SyntheticWav.RATE) * 4;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(SyntheticAudio.wavHeader(SyntheticWav.RATE, 2, data));
            for (long left = data; left > 0; left -= STEREO_PERIOD.length) {
                out.write(STEREO_PERIOD, 0, (int) Math.min(left, STEREO_PERIOD.length));
            }
        }
        return file;
    }

    /** One channel of a 16-bit stereo WAV with a 44-byte header, as a mono WAV. */
    static Path channel(Path stereo, int channel, Path file) throws IOException {
        long frames = (Files.size(stereo) - 44) / 4;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(stereo), 1 << 16);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            in.skipNBytes(44);
            out.write(SyntheticAudio.wavHeader(SyntheticWav.RATE, 1, frames * 2));
            byte[] frame = new byte[4];
            for (long f = 0; f < frames; f++) {
                in.readNBytes(frame, 0, 4);
                out.write(frame, channel * 2, 2);
            }
        }
        return file;
    }
}
