package com.camelprosa.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test's hold on a worker's JMS route, at a point the test chooses, so that it can kill the worker or stop the
 * broker there. A worker process loads it with {@code -Dcamel.beans.killPoint=#class:com.camelprosa.example.KillPoint}.
 * It holds the first {@code example.test.holds} (2) jobs on the route's own thread, inside the job's transaction:
 * when the route has ended, the result sent and the job not yet committed ({@code example.test.kill-point=sent}, the
 * default), or before the send to the result or dead-letter queue ({@code sending}). It logs {@code Kill point: ...} and waits for a line
 * on its standard input (at most two minutes), which releases every hold.
 */
public class KillPoint extends EventNotifierSupport implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.test");

    private final AtomicInteger holds = new AtomicInteger(Integer.getInteger("example.test.holds", 2));
    private final boolean afterSend = !"sending".equals(System.getProperty("example.test.kill-point", "sent"));
    private final CountDownLatch released = new CountDownLatch(1);

    public KillPoint() {
        Thread stdin = new Thread(() -> {
            try {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                // the test is gone: release
            }
            released.countDown();
        }, "kill-point-release");
        stdin.setDaemon(true);
        stdin.start();
    }

    /** Camel Main gives its beans the context as it makes them: that is when this one registers itself. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        boolean first = getCamelContext() == null;
        super.setCamelContext(camelContext);
        if (!first) {
            return; // adding it sets the context again
        }
        camelContext.getManagementStrategy().addEventNotifier(this);
        LOG.info("Kill point armed: {} sends to the result or dead-letter queue, held {} the send", holds.get(),
                afterSend ? "after" : "before");
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return afterSend ? event instanceof ExchangeCompletedEvent : event instanceof ExchangeSendingEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String where = afterSend ? "done (result sent)" : "about to be sent to "
                + ((ExchangeSendingEvent) event).getEndpoint().getEndpointUri();
        if (!(afterSend ? "jms-worker".equals(exchange.getFromRouteId())
                : where.contains("transcribe.results") || where.contains("transcribe.dlq"))
            || holds.getAndDecrement() <= 0) {
            return;
        }
        LOG.info("Kill point: job {} {}, not committed; holding", exchange.getIn().getHeader("jobId"), where);
        if (!released.await(2, TimeUnit.MINUTES)) {
            LOG.warn("Kill point: not released within two minutes, going on");
        }
    }
}
