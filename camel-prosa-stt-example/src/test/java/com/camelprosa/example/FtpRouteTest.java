package com.camelprosa.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FTP join against an embedded Apache MINA FtpServer (as Camel's own camel-ftp tests use). */
class FtpRouteTest {

    @TempDir
    Path dir;
    @TempDir
    Path ftpHome;

    private FtpServer server;
    private int port;

    @BeforeEach
    void startFtpServer() throws Exception {
        port = ExampleApp.port(0);
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(port);
        factory.addListener("default", listener.createListener());
        BaseUser user = new BaseUser();
        user.setName("prosa");
        user.setPassword("ftp-secret");
        user.setHomeDirectory(ftpHome.toString());
        user.setAuthorities(List.<Authority>of(new WritePermission()));
        factory.getUserManager().save(user);
        server = factory.createServer();
        server.start();
    }

    @AfterEach
    void stopFtpServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void audioOnTheFtpServerIsTranscribedAndMovedThereToDoneOrError() throws Exception {
        Path inbox = Files.createDirectories(ftpHome.resolve("inbox"));
        try (var sample = getClass().getResourceAsStream("/sample/call-center.wav")) {
            Files.copy(sample, inbox.resolve("call-center.wav"));
        }
        Files.write(inbox.resolve("empty.wav"), new byte[0]);
        String url = "ftp://prosa@127.0.0.1:" + port + "/inbox?password=ftp-secret";
        Console console = Console.create();

        try (ExampleApp app = new ExampleApp(new Options(dir, null, null, false, Set.of("ftp"), 0, null, 0, url,
                "ftp-test"), console).property("example.ftp.options",
                        "passiveMode=true&binary=true&delay=200").start()) {
            assertTrue(app.report().await(2, 60_000), app.report().summary());

            assertEquals(String.join(" ", FilesRouteTest.sampleSentences()),
                    Files.readString(dir.resolve("out/call-center.txt")));
            assertEquals(3, new ObjectMapper().readTree(dir.resolve("out/call-center.json").toFile()).get("segments")
                    .size());
            String summary = app.report().summary();
            assertTrue(summary.contains("original moved to ftp://127.0.0.1:" + port + "/inbox/.done/call-center.wav"),
                    summary);
            assertTrue(summary.contains("FAILED empty.wav: ProsaSttInvalidInputException"), summary);
            assertFalse(summary.contains("ftp-secret"), summary);
        }
        assertTrue(Files.exists(inbox.resolve(".done/call-center.wav")), "moved on the FTP server, never deleted");
        assertTrue(Files.exists(inbox.resolve(".error/empty.wav")), "a failed file is kept in .error on the server");
        assertFalse(console.text().contains("ftp-secret"), console.text());
    }

    @Test
    void audioIsNeverMovedOverAnEarlierFileOfTheSameNameOnTheServer() throws Exception {
        Path inbox = Files.createDirectories(ftpHome.resolve("inbox"));
        Files.createDirectories(inbox.resolve(".done"));
        Files.createDirectories(inbox.resolve(".error"));
        Files.writeString(inbox.resolve(".done/call-center.wav"), "an earlier call-center.wav");
        Files.writeString(inbox.resolve(".error/empty.wav"), "an earlier empty.wav");
        try (var sample = getClass().getResourceAsStream("/sample/call-center.wav")) {
            Files.copy(sample, inbox.resolve("call-center.wav"));
        }
        Files.write(inbox.resolve("empty.wav"), new byte[0]);
        String url = "ftp://prosa@127.0.0.1:" + port + "/inbox?password=ftp-secret";

        try (ExampleApp app = new ExampleApp(new Options(dir, null, null, false, Set.of("ftp"), 0, null, 0, url,
                "ftp-test"), Console.create()).property("example.ftp.options", "passiveMode=true&binary=true&delay=200")
                .start()) {
            assertTrue(app.report().await(2, 60_000), app.report().summary());
            String summary = app.report().summary();
            assertTrue(summary.matches("(?s).*original moved to ftp://127\\.0\\.0\\.1:" + port
                                       + "/inbox/\\.done/call-center-\\d{17}\\.wav.*"), summary);
            assertTrue(summary.matches("(?s).*original moved to ftp://127\\.0\\.0\\.1:" + port
                                       + "/inbox/\\.error/empty-\\d{17}\\.wav.*"), summary);
        }
        assertEquals("an earlier call-center.wav", Files.readString(inbox.resolve(".done/call-center.wav")));
        assertEquals("an earlier empty.wav", Files.readString(inbox.resolve(".error/empty.wav")));
        try (var done = Files.list(inbox.resolve(".done")); var error = Files.list(inbox.resolve(".error"))) {
            assertEquals(2, done.count(), "both calls are kept in .done");
            assertEquals(2, error.count(), "both empty files are kept in .error");
        }
    }
}
