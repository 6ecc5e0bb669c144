package com.camelprosa.example;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The example application: speech joined to a folder, FTP, HTTP, a JMS queue and a browser page, with Camel Main and
 * {@code application.properties}.
 * <p>
 * With PROSA_API_KEY set it uses the real Prosa service; without, it starts the Prosa STT emulator in-process with the
 * shipped sample and its transcript, so everything works offline. {@code -Dprosa.url} points it at any other
 * Prosa-compatible server. The JMS join uses an embedded Artemis broker unless {@code --broker URL} names one, so
 * more instances can share the work. See {@link Options} for the command line.
 */
public final class ExampleApp implements AutoCloseable {

    static final String SAMPLE = "call-center.wav";
    /** The stereo call (agent left, customer right) for the calls-stereo inbox ({@link StereoCallRoutes}). */
    static final String STEREO_SAMPLE = "call-stereo.wav";
    static final String OFFLINE_KEY = "offline-emulator-key";
    /** Held so the level sticks: Tyrus and Grizzly log to java.util.logging, chattily at INFO. */
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");

    private final Options options;
    private final PrintStream console;
    private final RunReport report = new RunReport();
    private final java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
    private ProsaSttEmulator emulator;
    private EmbeddedBroker broker;
    private Main main;
    private int httpPort;
    private String brokerUrl;
    private Path in;
    private Path out;
    private Path stereoIn;
    private Path stereoOut;

    public ExampleApp(Options options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
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
        app.printWhatToTry();
        stopped.await();
    }

    /** Sets an application property (as -Dkey=value would), for embedding and tests; call before start. */
    public ExampleApp property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Starts the emulator (offline), the broker (if needed), Camel and its routes; returns at once. */
    public ExampleApp start() throws Exception {
        GLASSFISH.setLevel(java.util.logging.Level.WARNING);
        in = Files.createDirectories(options.dir().resolve("in"));
        out = Files.createDirectories(options.dir().resolve("out"));
        stereoIn = options.dir().resolve("calls-stereo/in");
        stereoOut = options.dir().resolve("calls-stereo/out");
        String url = options.url();
        if (options.offline()) {
            emulator = ProsaSttEmulator.builder().apiKey(OFFLINE_KEY).transcripts(sampleScript()).build().start();
            url = emulator.url();
            console.println("PROSA_API_KEY is not set: using the Prosa STT emulator at " + url);
        } else {
            console.println("Using Prosa STT at " + (url != null ? url : "wss://s-api.prosa.ai/v2/speech/stt")
                            + " with the key from PROSA_API_KEY");
        }
        if (options.has("files") && audioFiles(in) == 0) {
            copySample(in);
        }
        boolean stereo = options.has("files") && !options.once();
        if (stereo && audioFiles(Files.createDirectories(stereoIn)) == 0) {
            copy(STEREO_SAMPLE, stereoIn);
        }
        main = new Main();
        main.addOverrideProperty("example.in", in.toString());
        main.addOverrideProperty("example.out", out.toString());
        main.addOverrideProperty("example.stereo.in", stereoIn.toString());
        main.addOverrideProperty("example.stereo.out", stereoOut.toString());
        main.addOverrideProperty("example.instance", options.instance());
        main.addOverrideProperty("camel.component.prosa-stt.api-key", options.offline() ? OFFLINE_KEY : options.apiKey());
        if (url != null) {
            main.addOverrideProperty("camel.component.prosa-stt.url", url);
        }
        boolean http = options.has("http") || options.has("captions") || options.has("jms");
        if (http) {
            httpPort = port(options.httpPort());
            main.addOverrideProperty("camel.server.enabled", "true");
            main.addOverrideProperty("camel.server.port", Integer.toString(httpPort));
            main.addOverrideProperty("camel.server.fileUploadDirectory", options.dir().resolve("uploads").toString());
        } else {
            main.addOverrideProperty("camel.server.enabled", "false");
        }
        if (options.has("jms")) {
            brokerUrl = options.brokerUrl();
            if (brokerUrl == null) {
                broker = new EmbeddedBroker("127.0.0.1", port(options.brokerPort()), options.dir().resolve("broker"))
                        .start();
                brokerUrl = broker.url();
            }
            String clientUrl = brokerUrl.contains("consumerWindowSize") ? brokerUrl
                    : brokerUrl + (brokerUrl.contains("?") ? "&" : "?") + "consumerWindowSize=0";
            main.bind("artemis", new ActiveMQConnectionFactory(clientUrl));
            main.addOverrideProperty("camel.component.jms.connection-factory", "#artemis");
        }
        if (options.has("ftp")) {
            main.addOverrideProperty("example.ftp.url", options.ftpUrl());
        }
        properties.forEach(main::addOverrideProperty);
        main.bind("runReport", report);
        main.configure().addRoutesBuilder(new ExampleRoutes(options));
        if (stereo) {
            main.configure().addRoutesBuilder(new StereoCallRoutes());
        }
        if (options.has("captions")) {
            main.configure().addRoutesBuilder(new CaptionsSocket());
        }
        main.start();
        if (options.has("captions")) {
            CaptionsSocket.install(main.getCamelContext(), httpPort, 30_000);
        }
        return this;
    }

    /** Transcribes the files in the inbox, then stops; returns this run's failures (files not done count too). */
    public int runOnce(long timeoutMillis) throws Exception {
        Path inbox = Files.createDirectories(options.dir().resolve("in"));
        if (audioFiles(inbox) == 0) {
            copySample(inbox);
        }
        int files = audioFiles(inbox);
        console.println("Transcribing " + files + " file(s) from " + inbox);
        start();
        if (!report.await(files, timeoutMillis)) {
            console.println("Gave up waiting after " + timeoutMillis + " ms");
        }
        stop();
        console.print(report.summary());
        console.println("Transcripts are in " + out);
        return report.failures() + Math.max(0, files - report.entries().size());
    }

    /** The console lines that tell a user what to try. */
    public void printWhatToTry() throws IOException {
        String base = "http://127.0.0.1:" + httpPort;
        // A copy of the sample outside the inbox for the curl lines (the inbox moves its files away).
        Path sample = options.dir().resolve(SAMPLE);
        try (InputStream in = ExampleApp.class.getResourceAsStream("/sample/" + SAMPLE)) {
            Files.copy(in, sample, StandardCopyOption.REPLACE_EXISTING);
        }
        String upload = "curl -s -H 'Content-Type: audio/wav' --data-binary @" + sample + " ";
        console.println();
        console.println("Ready (instance " + options.instance() + "). Try:");
        if (options.has("files")) {
            console.println("  files:    cp " + sample + " " + in + "/   -> " + out + "/call-center.txt and .json");
            Path stereo = options.dir().resolve(STEREO_SAMPLE);
            try (InputStream in = ExampleApp.class.getResourceAsStream("/sample/" + STEREO_SAMPLE)) {
                Files.copy(in, stereo, StandardCopyOption.REPLACE_EXISTING);
            }
            console.println("  stereo:   cp " + stereo + " " + stereoIn + "/   -> " + stereoOut
                            + "/call-stereo.txt (agent: / customer: lines) and .json");
        }
        if (options.has("http")) {
            console.println("  http:     " + upload + "'" + base + "/transcripts?label=" + SAMPLE + "'");
            console.println("            " + upload.replace("curl -s", "curl -sN -H 'Accept: text/event-stream'") + "'"
                            + base + "/transcripts?label=" + SAMPLE + "'");
        }
        if (options.has("captions")) {
            console.println("  captions: open " + base + "/ in a browser, click Start (or pick a file)");
        }
        if (options.has("jms")) {
            console.println("  jms:      " + upload + "'" + base + "/jobs?name=" + SAMPLE + "'   (a job on queue "
                            + "transcribe.jobs of " + brokerUrl + ")");
            console.println("            curl -s '" + base + "/jobs/results'   (takes the results off transcribe.results)");
            console.println("            another instance: --broker " + brokerUrl + " --routes jms --port 0");
        }
        if (options.has("ftp")) {
            console.println("  ftp:      upload audio to " + options.ftpUrl().replaceAll("password=[^&]*", "password=***"));
        }
        console.println("Stop with Ctrl-C.");
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
        return in;
    }

    public Path outbox() {
        return out;
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

    private static int audioFiles(Path in) throws IOException {
        try (Stream<Path> files = Files.list(in)) {
            return (int) files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .count();
        }
    }

    private void copySample(Path in) throws IOException {
        copy(SAMPLE, in);
    }

    private void copy(String sampleName, Path in) throws IOException {
        try (InputStream sample = ExampleApp.class.getResourceAsStream("/sample/" + sampleName)) {
            Files.copy(sample, in.resolve(sampleName), StandardCopyOption.REPLACE_EXISTING);
        }
        console.println("Copied the sample " + sampleName + " into " + in);
    }

    static TranscriptScript sampleScript() throws IOException {
        try (InputStream mono = ExampleApp.class.getResourceAsStream("/sample/call-center.transcript.json");
             InputStream stereo = ExampleApp.class.getResourceAsStream("/sample/call-stereo.transcript.json")) {
            return TranscriptScript.load(mono).with(TranscriptScript.load(stereo));
        }
    }
}
