package com.camelprosa.example;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the application printed, kept for assertions and logged line by line to the test log (target/test-logs). */
final class Console extends PrintStream {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    private final ByteArrayOutputStream buffer;

    private Console(ByteArrayOutputStream buffer) {
        super(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                buffer.write(b);
                if (b == '\n') {
                    LOG.info(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
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
