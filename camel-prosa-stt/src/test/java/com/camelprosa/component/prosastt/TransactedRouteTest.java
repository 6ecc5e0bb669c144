package com.camelprosa.component.prosastt;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A transacted exchange (a JMS listener's with transacted=true, or after transacted()) continues on the thread that
 * owns its transaction, so the steps after prosa-stt (the send of the result, the commit) are inside it; with
 * synchronous=true any exchange does; otherwise the exchange continues on the component's callback threads.
 */
class TransactedRouteTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:transacted").process(e -> e.getExchangeExtension().setTransacted(true))
                        .to("direct:transcribe");
                from("direct:plain").to("direct:transcribe");
                // What camel-jms does with transacted=true: its exchanges are not marked, its endpoint says transacted
                from("direct:from-transacted-consumer")
                        .process(e -> e.getExchangeExtension().setFromEndpoint(new TransactedConsumerEndpoint(getContext())))
                        .to("direct:transcribe");
                from("direct:transcribe")
                        .process(e -> e.setProperty("before", Thread.currentThread()))
                        .toD("${header.target}")
                        .process(e -> e.setProperty("after", Thread.currentThread()));
            }
        };
    }

    private Exchange run(String route, String target) {
        return template.send(route, e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
            e.getMessage().setHeader("target", target);
        });
    }

    @Test
    void aTransactedExchangeContinuesOnTheThreadThatOwnsTheTransaction() {
        Exchange out = run("direct:transacted", uri("general", null));
        assertNull(out.getException());
        assertEquals(String.join(" ", WORDS), out.getMessage().getBody(String.class));
        assertSame(out.getProperty("before"), out.getProperty("after"));
    }

    @Test
    void aFailureOfATransactedExchangeIsRaisedOnThatThreadToo() {
        Exchange out = run("direct:transacted", uri("general", null).replace(API_KEY, "wrong-key"));
        assertInstanceOf(ProsaSttAuthenticationException.class, out.getException());
        assertSame(Thread.currentThread(), out.getProperty("before"));
    }

    @Test
    void anExchangeFromATransactedConsumerContinuesOnItsThread() {
        Exchange out = run("direct:from-transacted-consumer", uri("general", null));
        assertNull(out.getException());
        assertSame(out.getProperty("before"), out.getProperty("after"));
    }

    @Test
    void synchronousKeepsAnyExchangeOnItsThread() {
        Exchange out = run("direct:plain", uri("general", "synchronous=true"));
        assertNull(out.getException());
        assertSame(out.getProperty("before"), out.getProperty("after"));
    }

    @Test
    void otherwiseTheExchangeContinuesOnTheComponentsCallbackThreads() {
        Exchange out = run("direct:plain", uri("general", null));
        assertNull(out.getException());
        assertNotSame(out.getProperty("before"), out.getProperty("after"));
        assertEquals(true, ((Thread) out.getProperty("after")).getName().contains("ProsaSttCallback"),
                ((Thread) out.getProperty("after")).getName());
    }

    /** An endpoint that, as camel-jms's JmsEndpoint with transacted=true, reports {@code isTransacted()}. */
    public static final class TransactedConsumerEndpoint extends DefaultEndpoint {
        TransactedConsumerEndpoint(CamelContext context) {
            super("transacted-consumer://test", null);
            setCamelContext(context);
        }

        public boolean isTransacted() {
            return true;
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException();
        }
    }
}
