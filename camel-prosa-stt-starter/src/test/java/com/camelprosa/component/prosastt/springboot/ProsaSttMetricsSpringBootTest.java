package com.camelprosa.component.prosastt.springboot;

import java.util.List;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the starter, the component records its meters in the application's {@code MeterRegistry} bean, found by type
 * through Camel's registry (Spring's beans), with no configuration. Actuator (which would serve them at
 * {@code /actuator/metrics} from that same registry) is not in the offline repository, so the bean is read directly.
 */
@SpringBootTest(classes = ProsaSttMetricsSpringBootTest.MeteredApp.class,
                properties = "camel.springboot.name=prosa-metrics")
class ProsaSttMetricsSpringBootTest {

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
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

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
    }
}
