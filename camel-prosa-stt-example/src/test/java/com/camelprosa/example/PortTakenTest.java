package com.camelprosa.example;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP or broker port a user asked for is taken: the application takes another and says so at start. */
class PortTakenTest {

    @TempDir
    Path dir;

    @Test
    void takenPortsAreReplacedAndTheConsoleSaysSo() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket broker = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Console console = Console.create();
            try (ExampleApp app = new ExampleApp(new Options(dir, null, null, false, Set.of("jms"),
                    http.getLocalPort(), null, broker.getLocalPort(), null, "port-test"), console).start()) {
                assertNotEquals(http.getLocalPort(), app.httpPort());
                assertTrue(console.text().contains("Port " + http.getLocalPort() + " is taken: HTTP listens on "
                                                   + app.httpPort() + " instead"), console.text());
                String brokerPort = app.brokerUrl().substring(app.brokerUrl().lastIndexOf(':') + 1);
                assertNotEquals(Integer.toString(broker.getLocalPort()), brokerPort);
                assertTrue(console.text().contains("Port " + broker.getLocalPort() + " is taken: the embedded broker "
                                                   + "listens on " + brokerPort + " instead"), console.text());
            }
        }
    }
}
