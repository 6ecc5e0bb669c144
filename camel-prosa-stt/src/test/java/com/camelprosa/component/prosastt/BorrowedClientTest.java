package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.AudioSource;
import com.camelprosa.prosastt.client.ProsaSttClient;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.StreamRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A ProsaSttClient bean of the application's is the component's client (autowired): the component uses it, and
 * stopping the component neither closes it nor takes it away from its owner.
 */
class BorrowedClientTest extends EmulatorTestSupport {

    @Test
    void aClientInTheRegistryIsUsedAndOutlivesTheComponent() throws Exception {
        try (ProsaSttClient own = new ProsaSttClient(); CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("myClient", own);
            camel.start();
            assertSame(own, camel.getComponent("prosa-stt", ProsaSttComponent.class).getClient(), "autowired");

            Exchange out = camel.createProducerTemplate().send(uri("general", null), e -> {
                e.getMessage().setBody(THREE_WORDS_WAV);
                e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
            });
            assertNull(out.getException());
            assertEquals(String.join(" ", WORDS), out.getMessage().getBody(String.class));

            camel.stop();
            StreamRequest request = StreamRequest.builder().url(emulator.url()).apiKey(API_KEY)
                    .model("stt-general-online").label(LABEL).build();
            assertEquals(String.join(" ", WORDS), own.transcribe(request, AudioSource.of(THREE_WORDS_WAV, LABEL))
                    .get(30, TimeUnit.SECONDS).text(), "the owner's client still works after the component stopped");
        }
    }

    @Test
    void aClosedBorrowedClientFailsTheExchangeTypedInsteadOfHanging() throws Exception {
        ProsaSttClient own = new ProsaSttClient();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("myClient", own);
            camel.start();
            own.close(); // the owner closed it while the route still runs
            Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> camel.createProducerTemplate()
                    .send(uri("general", null), e -> e.getMessage().setBody(THREE_WORDS_WAV)));
            assertInstanceOf(ProsaSttConnectionException.class, out.getException(), String.valueOf(out.getException()));
        }
    }
}
