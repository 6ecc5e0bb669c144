package com.camelprosa.example;

import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An ActiveMQ Artemis broker in this JVM, listening on {@code tcp://127.0.0.1:PORT} so that other instances of the
 * example (other JVMs, other machines with {@code --broker}) can share its queues. With a journal folder the jobs
 * survive a restart. In production, run your own broker and start every instance with {@code --broker URL}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String host;
    private final int port;

    /**
     * @param journal where messages are persisted, or null to keep them in memory only
     */
    public EmbeddedBroker(String host, int port, Path journal) {
        this(host, port, journal, 500);
    }

    /** As an {@code artemis create} broker is with {@code redeliveryDelayMillis} 0: a rolled-back job comes back at once. */
    EmbeddedBroker(String host, int port, Path journal, long redeliveryDelayMillis) {
        this.host = host;
        this.port = port;
        Configuration config = new ConfigurationImpl().setName("prosa-stt-example-broker").setSecurityEnabled(false)
                .setPersistenceEnabled(journal != null).setJournalType(JournalType.NIO)
                .setJMXManagementEnabled(false);
        if (journal != null) {
            config.setJournalDirectory(journal.resolve("journal").toString())
                    .setBindingsDirectory(journal.resolve("bindings").toString())
                    .setLargeMessagesDirectory(journal.resolve("large").toString())
                    .setPagingDirectory(journal.resolve("paging").toString());
        }
        try {
            config.addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port);
        } catch (Exception e) {
            throw new IllegalArgumentException("Bad broker address " + host + ":" + port, e);
        }
        // The route itself retries with backoff and moves a job to the dead-letter queue (with the reason); the
        // broker's redelivery (after a crash or an outage) and its limit are a backstop, so a job is never dropped.
        config.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(50)
                .setRedeliveryDelay(redeliveryDelayMillis)
                .setDeadLetterAddress(SimpleString.of("DLQ")).setAutoCreateDeadLetterResources(true)
                .setExpiryAddress(SimpleString.of("ExpiryQueue")).setAutoCreateExpiryResources(true));
        server.setConfiguration(config);
    }

    public EmbeddedBroker start() throws Exception {
        server.start();
        return this;
    }

    /** The URL clients connect to; {@code consumerWindowSize=0} so no instance hoards jobs it has not started. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    /** Messages on the queue, those being delivered (not yet committed) included; 0 when there is no such queue. */
    long messages(String queue) {
        var q = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
