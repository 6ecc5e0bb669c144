package com.camelprosa.component.prosastt;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.camelprosa.prosastt.client.AudioSource;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/** Turns a message body into an {@link AudioSource} without reading it into memory. */
final class AudioBodies {

    static final String ACCEPTED = "a file (from file: or ftp:), java.io.File, java.nio.file.Path, byte[],"
                                   + " InputStream or a stream cache";

    private AudioBodies() {
    }

    static AudioSource sourceOf(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (body instanceof WrappedFile<?> wrapped) {
            body = wrapped.getFile() instanceof File file ? file : wrapped.getBody();
        }
        if (body == null) {
            throw new ProsaSttInvalidInputException("The message body is null: there is no audio to transcribe. Send "
                                                    + ACCEPTED + ".");
        }
        if (body instanceof File file) {
            body = file.toPath();
        }
        if (body instanceof Path path) {
            return ofFile(path, fileName);
        }
        if (body instanceof byte[] bytes) {
            if (bytes.length == 0) {
                throw empty(fileName);
            }
            return AudioSource.of(bytes, fileName);
        }
        if (body instanceof StreamCache cache) {
            // Each open (a redelivery, each part of long audio) reads the cache from its start; the cache is Camel's
            // to close, not ours.
            return AudioSource.of(() -> {
                cache.reset();
                InputStream in = cache instanceof InputStream s ? s
                        : exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, cache);
                return new FilterInputStream(in) {
                    @Override
                    public void close() {
                    }
                };
            }, fileName, false, cache.length() > 0 ? cache.length() : -1);
        }
        if (body instanceof InputStream in) {
            return AudioSource.of(() -> in, fileName);
        }
        if (body instanceof CharSequence) {
            throw new ProsaSttInvalidInputException("The message body is text (" + body.getClass().getSimpleName()
                                                    + "), not audio. Send " + ACCEPTED
                                                    + "; to transcribe a file by its path, convert the body to a File first.");
        }
        InputStream converted = exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, body);
        if (converted == null) {
            throw new ProsaSttInvalidInputException("Unsupported body type " + body.getClass().getName() + ". Send "
                                                    + ACCEPTED + ".");
        }
        return AudioSource.of(() -> converted, fileName);
    }

    private static AudioSource ofFile(Path path, String fileName) {
        long length;
        try {
            length = Files.size(path);
            if (length == 0) {
                throw empty(path.getFileName().toString());
            }
        } catch (IOException e) {
            throw new ProsaSttInvalidInputException("Cannot read the audio file " + path + ": " + e.getMessage()
                                                    + ". Check that it exists and is readable.", e);
        }
        AudioSource file = AudioSource.of(path);
        return fileName == null ? file : AudioSource.of(file::open, fileName, false, length);
    }

    private static ProsaSttInvalidInputException empty(String fileName) {
        return new ProsaSttInvalidInputException("The audio is empty" + (fileName == null ? "" : " (" + fileName + ")")
                                                 + ": nothing was sent and no quota was spent. Send a non-empty audio file.");
    }
}
