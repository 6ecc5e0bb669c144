package com.camelprosa.component.prosastt.springboot;

import com.camelprosa.component.prosastt.ProsaSttComponent;
import com.camelprosa.component.prosastt.ProsaSttConfiguration;
import com.camelprosa.component.prosastt.ProsaSttOutputType;
import com.camelprosa.prosastt.client.AuthMode;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties under camel.component.prosa-stt bind onto the component Camel creates; enabled=false turns that off. */
class ProsaSttComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, ProsaSttComponentConverter.class,
                    ProsaSttComponentAutoConfiguration.class))
            .withUserConfiguration(SslBeans.class);

    @Configuration(proxyBeanMethods = false)
    static class SslBeans {
        @Bean
        SSLContextParameters prosaSsl() {
            return new SSLContextParameters();
        }
    }

    @Test
    void propertiesBindOntoTheComponent() {
        runner.withPropertyValues(
                "camel.component.prosa-stt.api-key=boot-key",
                "camel.component.prosa-stt.url=ws://127.0.0.1:1/v2/speech/stt",
                "camel.component.prosa-stt.auth-mode=message",
                "camel.component.prosa-stt.output-type=transcript",
                "camel.component.prosa-stt.include-partial=true",
                "camel.component.prosa-stt.chunk-size=8000",
                "camel.component.prosa-stt.connect-timeout=5s",
                "camel.component.prosa-stt.response-timeout=45000",
                "camel.component.prosa-stt.max-concurrent-streams=4",
                "camel.component.prosa-stt.audio-format=s16le",
                "camel.component.prosa-stt.sample-rate=8000",
                "camel.component.prosa-stt.ssl-context-parameters=#bean:prosaSsl",
                "camel.component.prosa-stt.use-global-ssl-context-parameters=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(ProsaSttComponentConfiguration.class);
                    ProsaSttComponent component = context.getBean(CamelContext.class)
                            .getComponent("prosa-stt", ProsaSttComponent.class);
                    ProsaSttConfiguration c = component.getConfiguration();
                    assertThat(c.getApiKey()).isEqualTo("boot-key");
                    assertThat(c.getUrl()).isEqualTo("ws://127.0.0.1:1/v2/speech/stt");
                    assertThat(c.getAuthMode()).isEqualTo(AuthMode.message);
                    assertThat(c.getOutputType()).isEqualTo(ProsaSttOutputType.transcript);
                    assertThat(c.isIncludePartial()).isTrue();
                    assertThat(c.getChunkSize()).isEqualTo(8000);
                    assertThat(c.getConnectTimeout()).isEqualTo(5000L);
                    assertThat(c.getResponseTimeout()).isEqualTo(45000L);
                    assertThat(c.getMaxConcurrentStreams()).isEqualTo(4);
                    assertThat(c.getAudioFormat()).isEqualTo("s16le");
                    assertThat(c.getSampleRate()).isEqualTo(8000);
                    assertThat(c.getSslContextParameters()).isSameAs(context.getBean("prosaSsl"));
                    assertThat(component.isUseGlobalSslContextParameters()).isTrue();
                });
    }

    @Test
    void defaultsAreTheComponentsOwn() {
        runner.run(context -> {
            ProsaSttConfiguration c = context.getBean(CamelContext.class)
                    .getComponent("prosa-stt", ProsaSttComponent.class).getConfiguration();
            ProsaSttConfiguration plain = new ProsaSttConfiguration();
            assertThat(c.getUrl()).isEqualTo(plain.getUrl());
            assertThat(c.getConnectTimeout()).isEqualTo(plain.getConnectTimeout());
            assertThat(c.getOutputType()).isEqualTo(plain.getOutputType());
            assertThat(c.getApiKey()).isNull();
        });
    }

    @Test
    void enabledFalseDisablesTheAutoConfiguration() {
        runner.withPropertyValues("camel.component.prosa-stt.enabled=false", "camel.component.prosa-stt.api-key=boot-key")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ProsaSttComponentAutoConfiguration.class);
                    assertThat(context).doesNotHaveBean(ProsaSttComponentConfiguration.class);
                    ProsaSttComponent component = context.getBean(CamelContext.class)
                            .getComponent("prosa-stt", ProsaSttComponent.class);
                    assertThat(component.getConfiguration().getApiKey()).as("properties not applied").isNull();
                });
    }
}
