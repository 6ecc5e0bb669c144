package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of one session: opens its source, reads the first chunk to learn its format (or takes the format a live
 * part knows ahead, so that its session connects before the audio comes), and closes it when the session ends.
 */
final class SessionAudio {

    /** Logged under the session's name, as before the audio had a class of its own. */
    private static final Logger LOG = LoggerFactory.getLogger(StreamingSession.class);

    /** What the first look at the audio tells: its format, and the upload's pace in bytes a second (0: no pacing). */
    record Look(AudioFormat format, double pacingBytesPerSecond) {
    }

    private final AudioSource source;
    private final StreamRequest request;
    private volatile InputStream in;
    private volatile byte[] firstChunk;
    /** The audio's byte rate when it announces one (WAV, raw with a rate), else 0: to check the server's duration. */
    private volatile double bytesPerSecond;

    SessionAudio(AudioSource source, StreamRequest request) {
        this.source = source;
        this.request = request;
    }

    InputStream open() throws IOException {
        InputStream opened = source.open();
        in = opened;
        return opened;
    }

    /** Reads the first chunk of the opened audio and inspects it; a part of a live stream is known ahead instead. */
    Look look() throws IOException {
        if (source instanceof KnownAudio known) {
            bytesPerSecond = known.bytesPerSecond();
            return new Look(known.format(), request.realtime() ? bytesPerSecond : 0);
        }
        byte[] head = in.readNBytes(request.chunkSize());
        AudioInspector.Inspection inspected = AudioInspector.inspect(head, source.fileName(), source.length(), request);
        AudioFormat format = inspected.format();
        firstChunk = head;
        double pacing = request.realtime()
                ? AudioPacing.bytesPerSecond(inspected, request.sampleRate(), request.channels()) : 0;
        bytesPerSecond = AudioPacing.knownBytesPerSecond(inspected, request.sampleRate(), request.channels());
        return new Look(format, pacing);
    }

    /** The chunk {@link #look()} read, once; null for a live part, which has none. */
    byte[] takeFirstChunk() {
        byte[] first = firstChunk;
        firstChunk = null;
        return first;
    }

    /** The first bytes a live part has (it was connected before its audio came): what one read gives, not a chunk. */
    byte[] firstAvailable() throws IOException {
        byte[] b = new byte[request.chunkSize()];
        int n = in.read(b);
        return n <= 0 ? new byte[0] : Arrays.copyOf(b, n);
    }

    /** Seconds of audio in {@code bytes} bytes of this audio; negative when unknown. */
    double seconds(long bytes) {
        double rate = bytesPerSecond;
        return bytes < 0 || rate <= 0 ? -1 : bytes / rate;
    }

    /** The length of the source in bytes, or -1 when unknown. */
    long length() {
        return source.length();
    }

    /** " (file name)" for a message, or nothing. */
    String named() {
        return source.fileName() == null ? "" : " (" + source.fileName() + ")";
    }

    void close() {
        InputStream s = in;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the audio failed: {}", e.getMessage());
            }
        }
    }
}
