package com.camelprosa.example;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;

import org.apache.logging.log4j.jul.Log4jBridgeHandler;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;

/**
 * The example application: speech joined to a folder, FTP, HTTP, a JMS queue and a browser page, with Camel Main and
 * {@code application.properties}. Each join is a small {@code RouteBuilder} of its own ({@link FileRoutes},
 * {@link StereoCallRoutes}, {@link FtpRoutes}, {@link HttpRoutes}, {@link JmsRoutes} with {@link JobsHttpRoutes},
 * {@link CaptionsRoutes}); this class is the shell around them.
 * <p>
 * With PROSA_API_KEY set it uses the real Prosa service; without, it starts the Prosa STT emulator in-process with the
 * shipped sample and its transcript, so everything works offline. {@code -Dprosa.url} points it at any other
 * Prosa-compatible server. The JMS join uses an embedded Artemis broker unless {@code --broker URL} names one, so
 * more instances can share the work. See {@link Options} for the command line.
 */
public final class ExampleApp implements AutoCloseable {

    static final String OFFLINE_KEY = "offline-emulator-key";
    /** Held so the level sticks: Tyrus and Grizzly log to java.util.logging, chattily at INFO. */
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");

    private final Options options;
    private final PrintStream console;
    private final RunReport report = new RunReport();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private ProsaSttEmulator emulator;
    private EmbeddedBroker broker;
    private Main main;
    private int httpPort;
    private String brokerUrl;

    public ExampleApp(Options options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
        // One log format: what logs to java.util.logging (the in-process emulator, Tyrus, Grizzly) goes through log4j2
        // too, instead of java.util.logging's own two-line console format between the application's lines.
        Log4jBridgeHandler.install(true, null, true);
        Options options;
        try {
            options = Options.parse(args, System.getenv("PROSA_API_KEY"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ExampleApp app = new ExampleApp(options, System.out);
        if (options.once()) {
            int failed;
            try (app) {
                failed = app.runOnce(Long.getLong("example.once.timeout-ms", 600_000));
            }
            System.exit(failed == 0 ? 0 : 1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("Error while stopping: " + e);
            }
            stopped.countDown();
        }, "example-shutdown"));
        app.start();
        WhatToTry.print(app.console, options, app.httpPort, app.brokerUrl);
        stopped.await();
    }

    /** Sets an application property (as -Dkey=value would), for embedding and tests; call before start. */
    public ExampleApp property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Starts the emulator (offline), the broker (if needed), Camel and its routes; returns at once. */
    public ExampleApp start() throws Exception {
        GLASSFISH.setLevel(Level.WARNING);
        Path in = Files.createDirectories(options.inbox());
        Files.createDirectories(options.outbox());
        String url = options.url();
        if (options.offline()) {
            emulator = ProsaSttEmulator.builder().apiKey(OFFLINE_KEY).transcripts(Samples.script()).build().start();
            url = emulator.url();
            console.println("PROSA_API_KEY is not set: using the Prosa STT emulator at " + url);
        } else {
            console.println("Using Prosa STT at " + (url != null ? url : "wss://s-api.prosa.ai/v2/speech/stt")
                            + " with the key from PROSA_API_KEY");
        }
        if (options.has("files") && Samples.audioFiles(in) == 0) {
            copySample(Samples.MONO, in);
        }
        boolean stereo = options.has("files") && !options.once();
        if (stereo && Samples.audioFiles(Files.createDirectories(options.stereoInbox())) == 0) {
            copySample(Samples.STEREO, options.stereoInbox());
        }
        main = new Main();
        main.addOverrideProperty("example.in", in.toString());
        main.addOverrideProperty("example.out", options.outbox().toString());
        main.addOverrideProperty("example.stereo.in", options.stereoInbox().toString());
        main.addOverrideProperty("example.stereo.out", options.stereoOutbox().toString());
        main.addOverrideProperty("example.instance", options.instance());
        main.addOverrideProperty("camel.component.prosa-stt.api-key", options.offline() ? OFFLINE_KEY : options.apiKey());
        if (url != null) {
            main.addOverrideProperty("camel.component.prosa-stt.url", url);
        }
        boolean http = options.has("http") || options.has("captions") || options.has("jms");
        if (http) {
            httpPort = portOrAnother(options.httpPort(), "HTTP");
            main.addOverrideProperty("camel.server.enabled", "true");
            main.addOverrideProperty("camel.server.port", Integer.toString(httpPort));
            main.addOverrideProperty("camel.server.fileUploadDirectory", options.dir().resolve("uploads").toString());
        } else {
            main.addOverrideProperty("camel.server.enabled", "false");
        }
        if (options.has("jms")) {
            connectBroker();
        }
        if (options.has("ftp")) {
            main.addOverrideProperty("example.ftp.url", options.ftpUrl());
        }
        properties.forEach(main::addOverrideProperty);
        main.bind("runReport", report);
        addRoutes(main.configure(), stereo);
        main.start();
        if (options.has("http") || options.has("jms")) {
            HttpErrors.refuseForms(main.getCamelContext(), httpPort);
        }
        if (options.has("captions")) {
            CaptionsSocket.install(main.getCamelContext(), httpPort, 30_000);
        }
        return this;
    }

    /** One RouteBuilder per join that runs, and the transcription they share. */
    private void addRoutes(MainConfigurationProperties camel, boolean stereo) {
        camel.addRoutesBuilder(new TranscribeRoutes());
        if (options.has("files")) {
            camel.addRoutesBuilder(new FileRoutes());
        }
        if (options.has("ftp")) {
            camel.addRoutesBuilder(new FtpRoutes());
        }
        if (options.has("http")) {
            camel.addRoutesBuilder(new HttpRoutes());
        }
        if (options.has("jms")) {
            camel.addRoutesBuilder(new JobsHttpRoutes());
            camel.addRoutesBuilder(new JmsRoutes());
        }
        if (stereo) {
            camel.addRoutesBuilder(new StereoCallRoutes());
        }
        if (options.has("captions")) {
            camel.addRoutesBuilder(new CaptionsRoutes());
        }
    }

    /** The embedded broker, unless --broker names one, as the JMS component's connection factory. */
    private void connectBroker() throws Exception {
        brokerUrl = options.brokerUrl();
        if (brokerUrl == null) {
            broker = new EmbeddedBroker("127.0.0.1", portOrAnother(options.brokerPort(), "the embedded broker"),
                    options.dir().resolve("broker")).start();
            brokerUrl = broker.url();
        }
        String clientUrl = brokerUrl.contains("consumerWindowSize") ? brokerUrl
                : brokerUrl + (brokerUrl.contains("?") ? "&" : "?") + "consumerWindowSize=0";
        main.bind("artemis", new ActiveMQConnectionFactory(clientUrl));
        main.addOverrideProperty("camel.component.jms.connection-factory", "#artemis");
    }

    /** Transcribes the files in the inbox, then stops; returns this run's failures (files not done count too). */
    public int runOnce(long timeoutMillis) throws Exception {
        Path inbox = Files.createDirectories(options.inbox());
        if (Samples.audioFiles(inbox) == 0) {
            copySample(Samples.MONO, inbox);
        }
        int files = Samples.audioFiles(inbox);
        console.println("Transcribing " + files + " file(s) from " + inbox);
        start();
        if (!report.await(files, timeoutMillis)) {
            console.println("Gave up waiting after " + timeoutMillis + " ms");
        }
        stop();
        console.print(report.summary());
        console.println("Transcripts are in " + options.outbox());
        return report.failures() + Math.max(0, files - report.entries().size());
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public RunReport report() {
        return report;
    }

    public int httpPort() {
        return httpPort;
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public Path inbox() {
        return options.inbox();
    }

    public Path outbox() {
        return options.outbox();
    }

    private void stop() throws Exception {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    @Override
    public void close() throws Exception {
        boolean wasRunning = main != null;
        stop();
        if (wasRunning && !options.once() && !report.entries().isEmpty()) {
            console.print(report.summary());
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /** The port if it is free on this machine, else a free one (0 asks for a free one). */
    static int port(int wanted) throws IOException {
        if (wanted > 0) {
            try (ServerSocket s = new ServerSocket(wanted, 1, InetAddress.getByName("127.0.0.1"))) {
                s.setReuseAddress(true);
                return wanted;
            } catch (IOException busy) {
                // taken: pick another
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** {@link #port}, saying so on the console when the wanted port is taken. */
    private int portOrAnother(int wanted, String what) throws IOException {
        int port = port(wanted);
        if (wanted > 0 && port != wanted) {
            console.println("Port " + wanted + " is taken: " + what + " listens on " + port + " instead");
        }
        return port;
    }

    private void copySample(String sample, Path inbox) throws IOException {
        Samples.copy(sample, inbox.resolve(sample));
        console.println("Copied the sample " + sample + " into " + inbox);
    }
}
