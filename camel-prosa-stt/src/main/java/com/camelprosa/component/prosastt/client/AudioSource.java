package com.camelprosa.component.prosastt.client;

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
        };
    }

    static AudioSource of(byte[] bytes, String fileName) {
        return of(() -> new ByteArrayInputStream(bytes), fileName);
    }

    /** A source over a stream opener; the stream is closed when the session ends. */
    static AudioSource of(StreamOpener opener, String fileName) {
        return new AudioSource() {
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
