package com.camelprosa.example;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMS worker as users write it ({@code from(jms transacted).to(prosa-stt).to(jms)}), against a real Artemis broker
 * (in the test JVM) and workers in JVMs of their own: a worker SIGKILLed between its transcripts and its commit, a
 * broker that goes away under in-flight jobs, a broker without redelivery delay, and {@code POST /jobs} while the broker
 * is down.
 */
class JmsTransactionTest {

    private static final Logger LOG = LoggerFactory.getLogger(JmsTransactionTest.class);
    private static final String KEY = "jms-transaction-key";
    private static final String KILL_POINT = "-Dcamel.beans.killPoint=#class:" + KillPoint.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] AUDIO = SyntheticAudio.wav(16000, 0.3, 0.5, 0.8);

    @TempDir
    Path dir;

    private final List<ExampleProcess> workers = new ArrayList<>();

    @AfterEach
    void killWorkers() {
        workers.forEach(ExampleProcess::kill);
    }

    @Test
    void aWorkerKilledBetweenItsTranscriptsAndItsCommitLeavesEveryResultOnTheQueueExactlyOnce() throws Exception {
        int jobs = 6;
        TranscriptScript script = TranscriptScript.empty();
        for (int i = 1; i <= jobs; i++) {
            script = script.with(TranscriptScript.of("job-" + i + ".wav", List.of("job " + i)));
        }
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", ExampleApp.port(0), null).start();
                ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY).transcripts(script).build().start();
                Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
            ExampleProcess a = worker("A", broker, emulator, KILL_POINT);
            await().atMost(Duration.ofSeconds(60)).until(a::ready);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue("transcribe.jobs"));
            for (int i = 1; i <= jobs; i++) {
                producer.send(job(session, "job-" + i, "job-" + i + ".wav"));
            }

            // Both of A's consumers have their transcript and have sent its result in the job's transaction.
            await().atMost(Duration.ofSeconds(30)).until(() -> a.count("Kill point: job") == 2);
            assertEquals(2, emulator.sessions().size(), "A transcribed two jobs");
            assertEquals(0, broker.messages("transcribe.results"), "A's results are not committed");
            a.kill();

            ExampleProcess b = worker("B", broker, emulator);
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.messages("transcribe.jobs") == 0
                                                               && broker.messages("transcribe.results") >= jobs);
            // Every job is committed with its result: all results that will ever be are on the queue now.
            Map<String, Integer> results = new HashMap<>();
            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue("transcribe.results"));
            for (long n = broker.messages("transcribe.results"); n > 0; n--) {
                TextMessage m = (TextMessage) consumer.receive(5000);
                assertNotNull(m, "a result the broker counted");
                assertEquals("B", m.getStringProperty("instance"), "A committed nothing");
                assertEquals("job " + m.getStringProperty("jobId").substring(4),
                        JSON.readTree(m.getText()).get("text").asText());
                results.merge(m.getStringProperty("jobId"), 1, Integer::sum);
            }
            long duplicates = results.values().stream().mapToInt(c -> c - 1).sum();
            long lost = jobs - results.size();
            LOG.info("Killed A (SIGKILL) with 2 results sent in uncommitted transactions; {} jobs, {} results, "
                     + "duplicates {}, lost {}, {} sessions with the server", jobs, results.size(), duplicates, lost,
                    emulator.sessions().size());
            assertEquals(0, duplicates, results.toString());
            assertEquals(0, lost, results.toString());
            assertEquals(jobs + 2, emulator.sessions().size(), "B transcribed A's two jobs again");
        }
    }

    @Test
    void aBrokerOutageLeavesInFlightJobsOnTheQueueAndTheLogSaysSo() throws Exception {
        TranscriptScript script = TranscriptScript.of("good.wav", List.of("good job"));
        int port = ExampleApp.port(0);
        Path journal = dir.resolve("journal");
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port, journal).start();
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY).transcripts(script).build().start()) {
            ExampleProcess w = worker("W", broker, emulator, KILL_POINT, "-Dexample.test.kill-point=sending");
            await().atMost(Duration.ofSeconds(60)).until(w::ready);
            try (Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                var producer = session.createProducer(session.createQueue("transcribe.jobs"));
                producer.send(job(session, "good", "good.wav"));
                producer.send(job(session, "bad", "bad.wav [fault=close:4001]"));
            }
            // One result and one dead letter about to be sent, when the broker goes away.
            await().atMost(Duration.ofSeconds(30)).until(() -> w.count("Kill point: job") == 2);
            broker.close();
            int before = w.lines.size();
            w.release();
            await().atMost(Duration.ofSeconds(30)).until(() -> w.saw("Job good.wav on W: the broker is unavailable")
                    && w.saw("Job bad.wav [fault=close:4001] failed on W after 1 attempt(s) (ProsaSttInvalidConfiguration"));
            assertTrue(w.saw("and could not be moved to transcribe.dlq: the broker is unavailable"), "said what happened");
            assertFalse(w.saw("attempt(s), moved to transcribe.dlq"), "nothing claims to be on the dead-letter queue");

            broker = new EmbeddedBroker("127.0.0.1", port, journal).start();
            try (Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TextMessage result = (TextMessage) session.createConsumer(session.createQueue("transcribe.results"))
                        .receive(60_000);
                assertNotNull(result, "the job was redelivered and done once the broker was back");
                assertEquals("good", result.getStringProperty("jobId"));
                assertEquals("good job", JSON.readTree(result.getText()).get("text").asText());
                Message dead = session.createConsumer(session.createQueue("transcribe.dlq")).receive(30_000);
                assertNotNull(dead, "the failing job reached the dead-letter queue once the broker was back");
                assertEquals("bad", dead.getStringProperty("jobId"));
                assertEquals(0, new ArrayList<>(w.lines).stream().skip(before)
                        .filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")).count(),
                        "no stack trace for the outage");
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void onABrokerWithoutRedeliveryDelayARateLimitedJobsAttemptsAreSpacedByTheRoutesBackoff() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", ExampleApp.port(0), null, 0).start();
                ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY).build().start();
                ExampleApp app = new ExampleApp(new Options(dir, KEY, emulator.url(), false, Set.of("jms"), 0,
                        broker.url(), 0, null, "backoff"), Console.create())
                        .property("example.jms.retry-delay", "400").property("example.jms.max-attempts", "3").start();
                Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("transcribe.jobs"))
                    .send(job(session, "busy", "busy.wav [fault=close:4029]"));
            Message dead = session.createConsumer(session.createQueue("transcribe.dlq")).receive(30_000);
            assertNotNull(dead, "the job that stays rate limited is on the dead-letter queue");
            assertTrue(dead.getStringProperty("reason").startsWith("ProsaSttRateLimitedException"),
                    dead.getStringProperty("reason"));
            List<SessionRecord> attempts = emulator.sessions();
            assertEquals(3, attempts.size(), "three attempts");
            double first = (attempts.get(1).openedNanos() - attempts.get(0).openedNanos()) / 1e6;
            double second = (attempts.get(2).openedNanos() - attempts.get(1).openedNanos()) / 1e6;
            LOG.info("Attempts of a rate-limited job on a broker with redelivery delay 0: {} ms, then {} ms apart",
                    Math.round(first), Math.round(second));
            assertTrue(first >= 400, "first retry after the delay: " + first + " ms");
            assertTrue(second >= 800, "the next after twice the delay: " + second + " ms");
            assertNull(session.createConsumer(session.createQueue("transcribe.results")).receive(100));
        }
    }

    @Test
    void postJobsDuringABrokerOutageIsAnswered503WithRetryAfter() throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", ExampleApp.port(0), null).start();
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY).build().start();
                ExampleApp app = new ExampleApp(new Options(dir, KEY, emulator.url(), false, Set.of("jms"), 0,
                        broker.url(), 0, null, "outage"), Console.create()).start()) {
            broker.close();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.httpPort() + "/jobs?name=call.wav"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "audio/wav")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AUDIO)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
            JsonNode body = JSON.readTree(r.body());
            assertEquals("broker_unavailable", body.get("error").asText(), r.body());
            assertTrue(body.get("retryable").asBoolean(), r.body());
        } finally {
            broker.close();
        }
    }

    private ExampleProcess worker(String name, EmbeddedBroker broker, ProsaSttEmulator emulator, String... jvmArgs)
            throws Exception {
        ExampleProcess worker = ExampleProcess.start(name, dir, broker.url(), emulator.url(), KEY,
                List.of(jvmArgs));
        workers.add(worker);
        return worker;
    }

    private static Message job(Session session, String id, String name) throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(AUDIO);
        m.setStringProperty("jobId", id);
        m.setStringProperty("jobName", name);
        return m;
    }
}
