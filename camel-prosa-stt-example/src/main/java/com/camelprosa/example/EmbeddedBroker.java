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
        // The route itself moves a job to the dead-letter queue (with the reason) after its own attempt limit; the
        // broker's limit is a backstop above it, so a job is never dropped.
        config.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(50).setRedeliveryDelay(500)
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

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
