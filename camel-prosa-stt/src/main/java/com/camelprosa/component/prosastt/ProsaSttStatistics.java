package com.camelprosa.component.prosastt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Totals of the exchanges sent to one component's endpoints, by outcome ({@code completed}, or the simple name of the
 * exception, e.g. {@code ProsaSttAuthenticationException}), and how many are in flight. Counted from Camel's
 * exchange-sending/sent events, so the producer needs no change; shown by the {@code prosa-stt} dev console.
 */
final class ProsaSttStatistics {

    private final ProsaSttComponent component;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder sending = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final AtomicBoolean watching = new AtomicBoolean();

    ProsaSttStatistics(ProsaSttComponent component) {
        this.component = component;
    }

    /** Starts counting (once per component). */
    void watch(CamelContext context) throws Exception {
        if (!watching.compareAndSet(false, true)) {
            return;
        }
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof ExchangeSentEvent e && ours(e.getEndpoint())) {
                    sent.increment();
                    Exception failure = e.getExchange().getException();
                    outcomes.computeIfAbsent(failure == null ? "completed" : failure.getClass().getSimpleName(),
                            k -> new LongAdder()).increment();
                } else if (event instanceof ExchangeSendingEvent e && ours(e.getEndpoint())) {
                    sending.increment();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof ExchangeSendingEvent || event instanceof ExchangeSentEvent;
            }
        };
        notifier.setIgnoreCamelContextEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreServiceEvents(true);
        notifier.setIgnoreExchangeCreatedEvent(true);
        notifier.setIgnoreExchangeCompletedEvent(true);
        notifier.setIgnoreExchangeFailedEvents(true);
        notifier.setIgnoreExchangeRedeliveryEvents(true);
        notifier.setIgnoreStepEvents(true);
        notifier.setIgnoreExchangeAsyncProcessingStartedEvents(true);
        notifier.setCamelContext(context);
        context.getManagementStrategy().addEventNotifier(notifier);
        ServiceHelper.startService(notifier);
    }

    private boolean ours(org.apache.camel.Endpoint endpoint) {
        return endpoint instanceof ProsaSttEndpoint p && p.getComponent() == component;
    }

    /** Outcome → count, sorted by outcome. */
    Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    long total() {
        return sent.sum();
    }

    /** Exchanges handed to the producer and not yet done (sessions running or waiting for one). */
    long inFlight() {
        return Math.max(0, sending.sum() - sent.sum());
    }
}
