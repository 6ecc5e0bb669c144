package com.camelprosa.prosastt.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the audio of one session comes from. It is opened once, on the sending thread, read in chunks and closed
 * when the session ends; it is never read whole into memory.
 */
public interface AudioSource {

    /** Opens the audio for reading from its start. */
    InputStream open() throws IOException;

    /** The file name of the audio, for the default label and format detection by extension; null if it has none. */
    String fileName();

    /**
     * Whether a read may wait for data (a live stream). Sources that never wait (files, bytes) are read on the
     * thread that learns a chunk was written, saving a thread hand-off per chunk; others on a sender thread.
     */
    default boolean mayBlock() {
        return true;
    }

    /**
     * The audio's length in bytes when known before reading it (a file, bytes), else -1 (a live stream). It lets a
     * header that claims more audio than there is be refused before any connection.
     */
    default long length() {
        return -1;
    }

    static AudioSource of(Path file) {
        return new AudioSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String fileName() {
                return file.getFileName() == null ? null : file.getFileName().toString();
            }

            @Override
            public boolean mayBlock() {
                return false;
            }

            @Override
            public long length() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }

    static AudioSource of(byte[] bytes, String fileName) {
        return of(() -> new ByteArrayInputStream(bytes), fileName, false, bytes.length);
    }

    /** A source over a stream opener that may block (a live stream); the stream is closed when the session ends. */
    static AudioSource of(StreamOpener opener, String fileName) {
        return of(opener, fileName, true);
    }

    /** A source over a stream opener; {@code mayBlock} false promises reads never wait for data. */
    static AudioSource of(StreamOpener opener, String fileName, boolean mayBlock) {
        return of(opener, fileName, mayBlock, -1);
    }

    /** A source over a stream opener whose audio is {@code length} bytes long (-1: unknown). */
    static AudioSource of(StreamOpener opener, String fileName, boolean mayBlock, long length) {
        return new AudioSource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public boolean mayBlock() {
                return mayBlock;
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }

            @Override
            public String fileName() {
                return fileName;
            }
        };
    }

    /** Opens a stream; may throw. */
    @FunctionalInterface
    interface StreamOpener {
        InputStream open() throws IOException;
    }
}
