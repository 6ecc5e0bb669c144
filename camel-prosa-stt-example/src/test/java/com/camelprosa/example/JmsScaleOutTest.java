package com.camelprosa.example;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
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
 * Scale-out for real: one Artemis broker, two example instances as separate JVM processes sharing its job queue, one
 * killed with SIGKILL while it streams a job. Every job's result appears exactly once; none is lost; failing jobs land
 * on the dead-letter queue with their reason.
 */
class JmsScaleOutTest {

    private static final Logger LOG = LoggerFactory.getLogger(JmsScaleOutTest.class);

    private static final String KEY = "jms-test-key";
    private static final int JOBS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<ExampleProcess> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ExampleProcess::kill);
    }

    @Test
    void twoInstancesShareTheQueueAndAKilledInstancesJobIsRedeliveredExactlyOnce() throws Exception {
        // 3.6 s of speech-like audio per job, sent at its own pace, so a job is mid-stream for seconds.
        byte[] audio = SyntheticAudio.wav(16000, 0.3, 0.5, 0.8, 0.8, 0.7);
        Map<String, List<String>> script = new HashMap<>();
        for (int i = 1; i <= JOBS; i++) {
            script.put("job-" + i + ".wav", List.of("job " + i + " first", "job " + i + " second", "job " + i + " third"));
        }
        TranscriptScript transcripts = TranscriptScript.empty();
        for (var e : script.entrySet()) {
            transcripts = transcripts.with(TranscriptScript.of(e.getKey(), e.getValue()));
        }
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", ExampleApp.port(0), null).start();
                ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY).transcripts(transcripts).build()
                        .start()) {
            ExampleProcess a = start("A", broker.url(), emulator.url());
            ExampleProcess b = start("B", broker.url(), emulator.url());
            await().atMost(Duration.ofSeconds(60)).until(() -> a.saw("Ready (instance A)") && b.saw("Ready (instance B)"));

            ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(broker.url());
            try (Connection connection = cf.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                // Results are collected as they are committed, on a session of their own.
                Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
                Map<String, String> doneBy = new java.util.concurrent.ConcurrentHashMap<>();
                List<String> problems = new CopyOnWriteArrayList<>();
                Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                listening.createConsumer(listening.createQueue("transcribe.results")).setMessageListener(m -> {
                    try {
                        String id = m.getStringProperty("jobId");
                        seen.merge(id, 1, Integer::sum);
                        doneBy.put(id, m.getStringProperty("instance"));
                        JsonNode t = JSON.readTree(((TextMessage) m).getText());
                        String expected = String.join(" ", script.get(m.getStringProperty("jobName")));
                        if (!expected.equals(t.get("text").asText())) {
                            problems.add(id + ": " + t);
                        }
                    } catch (Exception e) {
                        problems.add(e.toString());
                    }
                });

                MessageProducer jobs = session.createProducer(session.createQueue("transcribe.jobs"));
                for (int i = 1; i <= JOBS; i++) {
                    jobs.send(job(session, "job-" + i, "job-" + i + ".wav", audio));
                }
                // One job the server refuses for good, one it keeps rate limiting: both end on the dead-letter queue.
                jobs.send(job(session, "bad-config", "bad.wav [fault=close:4001]", audio));
                jobs.send(job(session, "rate-limited", "busy.wav [fault=close:4029]", audio));

                // Once a result of A is on the result queue (committed), kill A with SIGKILL while it streams another
                // job (it logged upload progress for that job and not its end).
                await().atMost(Duration.ofSeconds(60)).until(() -> doneBy.containsValue("A") && a.streaming() != null);
                String killedJob = a.streaming();
                a.kill();
                LOG.info("SIGKILLed instance A (pid {}) while it streamed {}; results so far {}", a.process.pid(),
                        killedJob, doneBy);

                await().atMost(Duration.ofSeconds(120)).until(() -> seen.size() == JOBS);
                // Anything more within a few seconds would be a duplicate: wait for the queue to stay quiet.
                MessageConsumer more = session.createConsumer(session.createQueue("transcribe.results"));
                listening.close();
                for (Message m; (m = more.receive(3000)) != null;) {
                    seen.merge(m.getStringProperty("jobId"), 1, Integer::sum);
                }
                more.close();
                LOG.info("Results per job: {}, done by: {}", seen, doneBy);
                assertTrue(problems.isEmpty(), problems.toString());
                for (int i = 1; i <= JOBS; i++) {
                    assertEquals(1, seen.getOrDefault("job-" + i, 0), "job-" + i + " exactly once: " + seen);
                }
                assertEquals(JOBS, seen.size(), "no other result: " + seen);
                assertEquals("B", doneBy.get(killedJob), "the killed instance's job was finished by the other");

                MessageConsumer dead = session.createConsumer(session.createQueue("transcribe.dlq"));
                Map<String, String> reasons = new HashMap<>();
                for (int i = 0; i < 2; i++) {
                    Message m = dead.receive(30_000);
                    assertNotNull(m, "a failing job is on the dead-letter queue; so far " + reasons);
                    reasons.put(m.getStringProperty("jobId"), m.getStringProperty("reason"));
                    assertTrue(m instanceof BytesMessage, "the job's audio is kept");
                }
                assertTrue(reasons.get("bad-config").startsWith("ProsaSttInvalidConfigurationException"), reasons.toString());
                assertTrue(reasons.get("rate-limited").startsWith("ProsaSttRateLimitedException"), reasons.toString());
                assertNull(dead.receive(500), "nothing else failed");
                assertTrue(b.saw("Job busy.wav [fault=close:4029] failed on B (attempt 1 of 3), trying again")
                           || a.saw("Job busy.wav [fault=close:4029] failed on A (attempt 1 of 3), trying again"),
                        "the retryable one was retried first");
            }
            // Before the broker stops: a running instance's JMS listener would fail its rollback against it.
            stopInstances();
            assertFalse(b.saw(KEY), "the key is never logged");
        }
    }

    private static Message job(Session session, String id, String name, byte[] audio) throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(audio);
        m.setStringProperty("jobId", id);
        m.setStringProperty("jobName", name);
        return m;
    }

    private ExampleProcess start(String name, String brokerUrl, String prosaUrl) throws Exception {
        ExampleProcess instance = ExampleProcess.start(name, dir, brokerUrl, prosaUrl, KEY, List.of(
                "-Dexample.realtime=true", "-Dexample.progress-interval=500", "-Dexample.jms.max-attempts=3"));
        instances.add(instance);
        return instance;
    }
}
