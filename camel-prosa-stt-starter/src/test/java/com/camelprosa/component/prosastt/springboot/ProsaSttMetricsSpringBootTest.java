package com.camelprosa.component.prosastt.springboot;

import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the starter, the component records its meters in the application's {@code MeterRegistry} bean (the one Spring
 * Boot's actuator makes), found by type through Camel's registry (Spring's beans), with no configuration; a running
 * web application serves them at {@code /actuator/metrics}.
 */
@SpringBootTest(classes = ProsaSttMetricsSpringBootTest.MeteredApp.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = { "camel.springboot.name=prosa-metrics",
                               "management.endpoints.web.exposure.include=metrics" })
class ProsaSttMetricsSpringBootTest {

    private static final Logger LOG = LoggerFactory.getLogger(ProsaSttMetricsSpringBootTest.class);
    static final String KEY = "sk-boot-metrics-3b9e-SECRET-KEY";
    static final ProsaSttEmulator EMULATOR = start();

    private static ProsaSttEmulator start() {
        try {
            return ProsaSttEmulator.builder().apiKey(KEY)
                    .transcripts(TranscriptScript.of("boot.wav", List.of("selamat pagi"))).build().start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void prosa(DynamicPropertyRegistry registry) {
        registry.add("camel.component.prosa-stt.api-key", () -> KEY);
        registry.add("camel.component.prosa-stt.url", EMULATOR::url);
    }

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @SpringBootApplication
    static class MeteredApp {
        @Bean
        RouteBuilder transcribe() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:transcribe").to("prosa-stt:general");
                }
            };
        }
    }

    @Autowired
    ProducerTemplate template;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate http;

    @Test
    void transcriptionIsCountedInTheApplicationsMeterRegistry() {
        byte[] wav = SyntheticAudio.wav(16000, 0.3, 0.6, 0.5);
        String text = template.requestBodyAndHeader("direct:transcribe", wav, ProsaSttConstants.LABEL, "boot.wav",
                String.class);
        assertThat(text).isEqualTo("selamat pagi");

        assertThat(meters.get("prosa.stt.sessions").tag("outcome", "success").tag("model", "stt-general-online")
                .tag("endpoint", "prosa-stt://general").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("prosa.stt.audio.duration").counter().count())
                .isCloseTo((wav.length - 44) / 32000.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(meters.get("prosa.stt.connect").timer().count()).isEqualTo(1);
        assertThat(meters.get("prosa.stt.sessions.open").gauge().value()).isZero();
        assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().toString()).doesNotContain(KEY));

        String names = http.getForObject("/actuator/metrics", String.class);
        assertThat(names).contains("\"prosa.stt.sessions\"", "\"prosa.stt.session\"", "\"prosa.stt.parts\"",
                "\"prosa.stt.audio.duration\"", "\"prosa.stt.quota.used\"", "\"prosa.stt.connect\"",
                "\"prosa.stt.first.result\"", "\"prosa.stt.confirmation\"", "\"prosa.stt.sessions.open\"",
                "\"prosa.stt.exchanges.waiting\"");
        Map<?, ?> sessions = http.getForObject("/actuator/metrics/prosa.stt.sessions?tag=outcome:success", Map.class);
        LOG.info("/actuator/metrics/prosa.stt.sessions?tag=outcome:success: {}", sessions);
        assertThat(sessions.get("measurements")).asString().contains("statistic=COUNT", "value=1.0");
        assertThat(sessions.get("availableTags")).asString()
                .contains("tag=model", "stt-general-online", "tag=endpoint", "prosa-stt://general");
        Map<?, ?> audio = http.getForObject("/actuator/metrics/prosa.stt.audio.duration", Map.class);
        LOG.info("/actuator/metrics/prosa.stt.audio.duration: {}", audio);
        assertThat(audio.get("baseUnit")).isEqualTo("seconds");
        for (String name : List.of("prosa.stt.sessions", "prosa.stt.session", "prosa.stt.connect", "prosa.stt.parts")) {
            assertThat(http.getForObject("/actuator/metrics/" + name, String.class)).doesNotContain(KEY);
        }
    }
}
