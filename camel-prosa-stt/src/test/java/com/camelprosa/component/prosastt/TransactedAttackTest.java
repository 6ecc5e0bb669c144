package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.List;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.RawServer;
import com.camelprosa.component.prosastt.support.Resources;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A transacted exchange waits on its own thread for its session: every misbehaving server must still end it once,
 * typed, within the option that bounds that fault, on that thread (where the rollback happens), and leave no
 * component thread or socket behind.
 */
class TransactedAttackTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:transacted")
                        .process(e -> e.getExchangeExtension().setTransacted(true))
                        .process(e -> e.setProperty("before", Thread.currentThread()))
                        .doTry()
                            .toD("${header.target}")
                        .doFinally()
                            .process(e -> e.setProperty("after", Thread.currentThread()))
                        .end();
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stall|responseTimeout=1000|ProsaSttTimeoutException|10",
            "stall-after-end|finalizeTimeout=1000|ProsaSttTimeoutException|10",
            "drop||ProsaSttConnectionException|10",
            "close:4029||ProsaSttRateLimitedException|10",
            "close:4000||ProsaSttAuthenticationException|10",
            "quota||ProsaSttQuotaExceededException|10",
            "huge:5000|maxMessageSize=1000|ProsaSttProtocolException|10" })
    void aMisbehavingServerEndsATransactedExchangeOnceInBoundOnItsThread(String fault, String options, String type,
                                                                      int boundSeconds) {
        Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(boundSeconds),
                () -> send(uri("general", options), LABEL + " [fault=" + fault + "]"));
        assertEquals(type, out.getException().getClass().getSimpleName(), String.valueOf(out.getException()));
        assertSame(out.getProperty("before"), out.getProperty("after"), "failed on the transaction's thread");
        awaitBaseline();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "SILENT,ProsaSttTimeoutException", "CLOSE_AT_ONCE,ProsaSttConnectionException",
                 "BACKLOG_FULL,ProsaSttTimeoutException" })
    void aServerThatNeverAnswersTheUpgradeEndsATransactedExchangeAtConnectTimeout(RawServer.Mode mode, String type)
            throws Exception {
        try (RawServer server = RawServer.start(mode)) {
            String target = uri("general", "connectTimeout=1000").replace(emulator.url(), server.url());
            Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> send(target, LABEL));
            assertEquals(type, out.getException().getClass().getSimpleName(), String.valueOf(out.getException()));
            assertSame(out.getProperty("before"), out.getProperty("after"), "failed on the transaction's thread");
            if (mode != RawServer.Mode.BACKLOG_FULL) { // connects waiting in a full backlog are the kernel's to drop
                await().atMost(Duration.ofSeconds(10)).until(() -> Resources.connectionsTo(server.port()) == 0);
            }
        }
        awaitBaseline();
    }

    private Exchange send(String target, String label) {
        return template.send("direct:transacted", e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, label);
            e.getMessage().setHeader("target", target);
        });
    }

    /** No session open on either side, and no thread left working in the component (pooled ones idle). */
    private void awaitBaseline() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(0, context.getComponent("prosa-stt", ProsaSttComponent.class).getClient().openSessions());
            assertEquals(0, emulator.openSessions());
            assertEquals(List.of(), Resources.busyThreads());
        });
    }

}
