package com.camelprosa.component.prosastt.springboot;

import java.util.List;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Boot application: the route names only {@code prosa-stt:general}; the key and the URL come from
 * {@code camel.component.prosa-stt.*} properties. It transcribes against the emulator over a real websocket, with
 * the component, Camel and Tyrus logging at DEBUG, and the key is in no line of the output.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ProsaSttSpringBootApplicationTest.TranscribeApp.class,
                properties = {
                        "camel.springboot.name=prosa-boot",
                        "logging.level.com.camelprosa=TRACE",
                        "logging.level.org.apache.camel=DEBUG",
                        "logging.level.org.glassfish.tyrus=DEBUG",
                        // The emulator's server-side engine (same JVM) logs the upgrade request it received, key
                        // included: that is the server's log, not the client's, as in the component's log4j2-test.xml.
                        "logging.level.org.glassfish.tyrus.core.TyrusWebSocketEngine=INFO",
                        "logging.level.org.springframework.boot.context.properties=DEBUG" })
class ProsaSttSpringBootApplicationTest {

    static final String KEY = "sk-boot-7d41-SECRET-KEY-never-logged";
    static final ProsaSttEmulator EMULATOR = start();

    private static ProsaSttEmulator start() {
        try {
            return ProsaSttEmulator.builder().apiKey(KEY)
                    .transcripts(TranscriptScript.of("boot.wav", List.of("selamat pagi", "terima kasih"))).build().start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void prosa(DynamicPropertyRegistry registry) {
        registry.add("camel.component.prosa-stt.api-key", () -> KEY);
        registry.add("camel.component.prosa-stt.url", EMULATOR::url);
        registry.add("camel.component.prosa-stt.response-timeout", () -> "20s");
    }

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @SpringBootApplication
    static class TranscribeApp {
        @Bean
        RouteBuilder transcribe() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:transcribe").routeId("transcribe").to("prosa-stt:general");
                }
            };
        }
    }

    @Autowired
    ProducerTemplate template;

    @Test
    void routeTranscribesWithTheKeyFromPropertiesAndNeverLogsIt(CapturedOutput output) {
        String text = template.requestBodyAndHeader("direct:transcribe", SyntheticAudio.wav(16000, 0.3, 0.6, 0.5, 0.5),
                ProsaSttConstants.LABEL, "boot.wav", String.class);
        assertThat(text).isEqualTo("selamat pagi terima kasih");
        assertThat(EMULATOR.sessions()).isNotEmpty();

        String all = output.getAll();
        assertThat(all).as("the application logged its start and the session").contains("prosa-boot").contains("prosa-stt");
        List<String> leaks = all.lines().filter(l -> l.contains(KEY) || l.contains(KEY.substring(8, 24))).toList();
        assertThat(leaks).as("log lines with the API key").isEmpty();
    }
}
