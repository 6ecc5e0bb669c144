package com.camelprosa.component.prosastt;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.LoggedProducerRun;
import com.camelprosa.prosastt.client.AuthMode;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API key appears in no log line, exception message or toString(), in success and in every failure; and no line
 * that Tyrus, Camel's producer side or the component log holds it, at the most verbose level of plain
 * java.util.logging, of jul-to-slf4j with logback and of log4j-jul, in both auth modes.
 */
class SecretsTest extends EmulatorTestSupport {

    private static final Logger TEST_LOG = LoggerFactory.getLogger(SecretsTest.class);

    private static final Path LOG = Path.of("target/test-logs/all.log");

    /** One key per auth mode, so a leak tells its mode; each with a fragment that finds partial leaks too. */
    private static final String HEADER_KEY = "sk-test-hdr-5b3e91d0-SECRET";
    private static final String MESSAGE_KEY = "sk-test-msg-c7a24f68-SECRET";
    /** Written in endpoint URIs, which Camel's endpoint resolution logs verbatim at TRACE by design. */
    private static final String URI_KEY = "sk-test-uri-0e6d1b93-SECRET";
    /** Camel core's TRACE lines while resolving an endpoint URI: "at trace level its okay to have ... passwords". */
    private static final List<String> CAMEL_URI_RESOLUTION_LOGGERS = List.of(
            "org.apache.camel.impl.engine.AbstractCamelContext", "org.apache.camel.support.EndpointHelper",
            "org.apache.camel.support.DefaultComponent");
    /** Every setup logs "HH:mm:ss.SSS LEVEL logger - message"; continuation lines belong to the record above. */
    private static final Pattern RECORD_START = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\S+ \\S+ - ");

    /** A host application's logging, from its classpath and system properties alone; everything at the finest level. */
    enum Setup {
        /** java.util.logging, SLF4J (Camel, the component) bound to it by slf4j-jdk14. */
        JUL("jul"),
        /** jul-to-slf4j's SLF4JBridgeHandler as the only java.util.logging handler, into logback. */
        JUL_TO_SLF4J_LOGBACK("logback"),
        /** log4j-jul's LogManager, SLF4J bound to log4j by log4j-slf4j2-impl. */
        LOG4J_JUL("log4j");

        final String jars;

        Setup(String jars) {
            this.jars = jars;
        }
    }

    @Test
    void theKeyIsNowhereAfterSuccessesAndFailures() throws Exception {
        List<String> places = new ArrayList<>();
        List<Exchange> exchanges = new ArrayList<>();
        for (String auth : List.of("header", "message")) {
            String uri = uri("general", "authMode=" + auth);
            exchanges.add(send(uri, THREE_WORDS_WAV));
            for (String fault : List.of("close:4000", "close:4001", "close:4002", "close:4005", "close:4029",
                    "close:1011", "quota", "stall", "stall-after-end", "drop", "huge:2000000", "garbage", "noise",
                    "late:50", "slow:5")) {
                exchanges.add(send(uri + "&responseTimeout=300", THREE_WORDS_WAV,
                        Map.of(ProsaSttConstants.LABEL, "x [fault=" + fault + "]")));
            }
            exchanges.add(send(uri, new byte[0]));
            exchanges.add(send(uri("klingon", "authMode=" + auth), THREE_WORDS_WAV));
        }
        exchanges.add(template.send("direct:logged", e -> e.getMessage().setBody(THREE_WORDS_WAV)));
        try (ProsaSttEmulator strict = ProsaSttEmulator.builder().apiKey("other").rejectBadKeyAtUpgrade(true).build()
                .start()) {
            exchanges.add(send(uri("general", null).replace(emulator.url(), strict.url()), THREE_WORDS_WAV));
        }

        for (Exchange exchange : exchanges) {
            places.add("exchange " + exchange);
            places.add("headers " + exchange.getMessage().getHeaders());
            for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
                places.add("exception " + t);
            }
        }
        context.getEndpoints().forEach(e -> {
            places.add("endpoint " + e);
            if (e instanceof ProsaSttEndpoint p) {
                places.add("configuration " + p.getConfiguration());
            }
        });
        places.add("request " + StreamRequest.builder().url(emulator.url()).apiKey(API_KEY).model("m").build());
        places.add("route " + context.getRoutes());
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        places.add("log " + log);

        assertTrue(exchanges.stream().filter(e -> e.getException() != null).count() >= 26, "the failures happened");
        TEST_LOG.info("Scanned {} places ({} exchanges, {} log lines)", places.size(), exchanges.size(),
                log.lines().count());
        assertTrue(log.contains("Exchange[") && log.contains("prosa-stt"), "the log file captured the run");
        for (String place : places) {
            assertFalse(place.contains(API_KEY), () -> "API key leaked in: " + place.substring(0, Math.min(300, place.length())));
            assertFalse(place.contains("9f1c2e7a"), () -> "part of the API key leaked in: " + place);
        }
        assertNotNull(context.getEndpoint(uri("general", null)));
    }

    @Test
    void noLogLineOfTyrusCamelOrTheComponentHoldsTheKey() throws Exception {
        Map<Setup, Process> children = new EnumMap<>(Setup.class);
        Path root = Path.of("target/secrets-logging").toAbsolutePath();
        TranscriptScript script = TranscriptScript.of(LABEL, WORDS);
        try (ProsaSttEmulator headerServer = ProsaSttEmulator.builder().apiKey(HEADER_KEY).transcripts(script)
                .rejectBadKeyAtUpgrade(true).build().start();
             ProsaSttEmulator messageServer = ProsaSttEmulator.builder().apiKey(MESSAGE_KEY).transcripts(script)
                     .build().start();
             ProsaSttEmulator refusing = ProsaSttEmulator.builder().apiKey("other").rejectBadKeyAtUpgrade(true)
                     .build().start()) {
            for (Setup setup : Setup.values()) {
                children.put(setup, startChild(setup, root.resolve(setup.name()), headerServer.url(),
                        messageServer.url(), refusing.url()));
            }
            for (Process child : children.values()) {
                child.waitFor(90, TimeUnit.SECONDS);
            }
        } finally {
            children.values().forEach(Process::destroyForcibly);
        }

        StringBuilder table = new StringBuilder(String.format("%-22s %-8s %-8s %-10s %s%n", "setup", "header", "message",
                "uri(TRACE)", "uri elsewhere"));
        List<String> problems = new ArrayList<>();
        for (Setup setup : Setup.values()) {
            Path dir = root.resolve(setup.name());
            String console = Files.readString(dir.resolve("console.txt"), StandardCharsets.UTF_8);
            String log = Files.exists(dir.resolve("all.log")) ? Files.readString(dir.resolve("all.log"),
                    StandardCharsets.UTF_8) : "";
            String all = log + "\n" + console;
            int header = occurrences(all, HEADER_KEY);
            int message = occurrences(all, MESSAGE_KEY);
            List<String> uriRecords = records(all).stream().filter(r -> r.contains(fragment(URI_KEY))).toList();
            List<String> uriElsewhere = uriRecords.stream().filter(r -> !isCamelUriResolutionTrace(r)).toList();
            table.append(String.format("%-22s %-8d %-8d %-10d %d%n", setup, header, message,
                    uriRecords.size() - uriElsewhere.size(), uriElsewhere.size()));

            Process child = children.get(setup);
            int exit = child.waitFor(5, TimeUnit.SECONDS) ? child.exitValue() : -1;
            if (exit != 0) {
                problems.add(setup + ": the application exited with " + exit + ": " + console);
                continue;
            }
            for (String expected : List.of("header success ok", "message success ok",
                    "header refused-key ProsaSttAuthenticationException",
                    "message refused-key ProsaSttAuthenticationException")) {
                if (!console.contains(expected)) {
                    problems.add(setup + ": expected '" + expected + "' in the application's output: " + console);
                }
            }
            // redacted, not silenced: Tyrus' handshake (FINE) and sent messages (FINEST) and Camel's TRACE are there
            for (String expected : List.of("x-api-key: " + "*****", "Sending text message: ",
                    "Getting endpoint with uri")) {
                if (!log.contains(expected)) {
                    problems.add(setup + ": the most verbose log lacks '" + expected + "': not all levels were on");
                }
            }
            for (String key : List.of(HEADER_KEY, MESSAGE_KEY)) {
                records(all).stream().filter(r -> r.contains(fragment(key))).limit(3).forEach(
                        r -> problems.add(setup + ": key leaked in: " + excerpt(r, key)));
            }
            uriElsewhere.stream().limit(3).forEach(r -> problems.add(setup + ": the key of an endpoint URI leaked"
                                                                      + " outside Camel's endpoint resolution: "
                                                                      + excerpt(r, URI_KEY)));
        }
        TEST_LOG.info("Key occurrences per logging setup (uri: key written in an endpoint URI)\n{}", table);
        assertEquals(List.of(), problems, () -> "\n" + table + String.join("\n", problems));
    }

    private static Process startChild(Setup setup, Path dir, String headerUrl, String messageUrl, String refusingUrl)
            throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> classPath = new ArrayList<>();
        List<String> log4j = new ArrayList<>();
        for (String entry : testClassPath.split(File.pathSeparator)) {
            (Path.of(entry).getFileName().toString().startsWith("log4j-") ? log4j : classPath).add(entry);
        }
        List<String> properties = new ArrayList<>();
        switch (setup) {
            case JUL -> properties.add("-Djava.util.logging.config.file=" + resource("jul.properties"));
            case JUL_TO_SLF4J_LOGBACK -> {
                properties.add("-Djava.util.logging.config.file=" + resource("jul-to-slf4j.properties"));
                properties.add("-Dlogback.configurationFile=" + resource("logback.xml"));
            }
            case LOG4J_JUL -> {
                classPath.addAll(log4j);
                properties.add("-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager");
                properties.add("-Dlog4j2.configurationFile=" + resource("log4j2.xml"));
            }
        }
        if (setup != Setup.LOG4J_JUL) {
            Path jars = Path.of("target/logging-backends", setup.jars);
            try (Stream<Path> files = Files.list(jars)) {
                files.map(Path::toAbsolutePath).map(Path::toString).sorted().forEach(classPath::add);
            } catch (IOException e) {
                throw new IOException("No " + jars + ": the build copies the logging backends there"
                                      + " (maven-dependency-plugin, generate-test-resources)", e);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                String.join(File.pathSeparator, classPath)));
        command.addAll(properties);
        command.addAll(List.of(LoggedProducerRun.class.getName(), HEADER_KEY, MESSAGE_KEY, URI_KEY, headerUrl,
                messageUrl, refusingUrl));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile()).start();
    }

    private static String resource(String name) {
        try {
            return Path.of(SecretsTest.class.getResource("/logging-setups/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part of a key a truncated or reformatted leak would still show. */
    private static String fragment(String key) {
        return key.split("-")[3];
    }

    /** The record's first line and, if another, the line with the key. */
    private static String excerpt(String record, String key) {
        String[] lines = record.split("\n");
        String first = lines[0].substring(0, Math.min(300, lines[0].length()));
        return Arrays.stream(lines).skip(1).filter(l -> l.contains(fragment(key))).findFirst()
                .map(l -> first + " [...] " + l.substring(0, Math.min(300, l.length()))).orElse(first);
    }

    private static int occurrences(String text, String key) {
        return text.split(Pattern.quote(fragment(key)), -1).length - 1;
    }

    /** Log records, each with its continuation lines (Tyrus logs a handshake as one record of many lines). */
    private static List<String> records(String text) {
        List<String> records = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n")) {
            if (current == null || RECORD_START.matcher(line).find()) {
                if (current != null) {
                    records.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            records.add(current.toString());
        }
        return records;
    }

    private static boolean isCamelUriResolutionTrace(String record) {
        String[] head = record.split(" ", 4);
        return head.length > 3 && (head[1].equals("TRACE") || head[1].equals("FINEST"))
               && CAMEL_URI_RESOLUTION_LOGGERS.contains(head[2]);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:logged").log("sending to ${routeId}").to(uri("general", null))
                        .to("log:transcript?showAll=true&level=INFO");
            }
        };
    }
}
