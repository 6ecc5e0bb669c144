package com.camelprosa.example;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the application printed, kept for assertions and echoed to the test's output. */
final class Console extends PrintStream {

    private final ByteArrayOutputStream buffer;

    private Console(ByteArrayOutputStream buffer) {
        super(new OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
                System.out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
                System.out.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        this.buffer = buffer;
    }

    static Console create() {
        return new Console(new ByteArrayOutputStream());
    }

    String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
