package com.camelprosa.benchmark;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;

/**
 * Notes when the client's socket read each server message, on Tyrus' shared Grizzly transport (the component's and
 * the bare client's alike): it splits a latency into the part before the bytes were read (emulator, loopback,
 * selector) and the part after (Tyrus and, for the component, the component and Camel). Messages are told apart by
 * their JSON, which a server sends unmasked; a connection is known by the job id in its {@code created} message.
 */
final class ReadProbe extends ConnectionProbe.Adapter {

    private static final Pattern CREATED = Pattern.compile("\"type\":\"created\",\"id\":\"([^\"]+)\"");
    private static final byte[] PARTIAL = "\"type\":\"partial\"".getBytes(StandardCharsets.US_ASCII);

    final Map<Connection<?>, String> jobs = new ConcurrentHashMap<>();
    final Map<String, List<Long>> partialReads = new ConcurrentHashMap<>();
    final Map<String, Long> metadataReads = new ConcurrentHashMap<>();
    /** Socket writes of at least this many bytes (audio frames), per connection; 0: none recorded. */
    volatile int minWrite;
    final Map<Connection<?>, List<Long>> writes = new ConcurrentHashMap<>();
    private TCPNIOTransport transport;

    /** Watches the shared transport (started by the component) until {@link #close()}. */
    static ReadProbe install() throws ReflectiveOperationException {
        Class<?> socket = Class.forName("org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket");
        Field field = socket.getDeclaredField("transport");
        field.setAccessible(true);
        TCPNIOTransport transport = (TCPNIOTransport) field.get(null);
        if (transport == null) {
            throw new IllegalStateException("Tyrus' shared transport is not running");
        }
        ReadProbe probe = new ReadProbe();
        probe.transport = transport;
        transport.getConnectionMonitoringConfig().addProbes(probe);
        return probe;
    }

    void close() {
        transport.getConnectionMonitoringConfig().removeProbes(this);
    }

    @Override
    public void onWriteEvent(Connection connection, Buffer data, long size) {
        int min = minWrite;
        if (min > 0 && size >= min) {
            writes.computeIfAbsent(connection, k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                    .add(System.nanoTime());
        }
    }

    /** The recorded writes of the connection that carried this job, or null. */
    List<Long> writesOf(String jobId) {
        for (Map.Entry<Connection<?>, String> e : jobs.entrySet()) {
            if (e.getValue().equals(jobId)) {
                return writes.get(e.getKey());
            }
        }
        return null;
    }

    @Override
    public void onReadEvent(Connection connection, Buffer data, int size) {
        long now = System.nanoTime();
        // Grizzly reports the read with the bytes just read ending at the buffer's position.
        String text = data.toStringContent(StandardCharsets.ISO_8859_1, Math.max(0, data.position() - size), data.position());
        String job = jobs.get(connection);
        if (job == null) {
            Matcher m = CREATED.matcher(text);
            if (!m.find()) {
                return;
            }
            job = m.group(1);
            jobs.put(connection, job);
        }
        int partials = count(text);
        for (int i = 0; i < partials; i++) {
            partialReads.computeIfAbsent(job, k -> new CopyOnWriteArrayList<>()).add(now);
        }
        if (text.contains("\"type\":\"metadata\"")) {
            metadataReads.put(job, now);
        }
    }

    private static int count(String text) {
        int n = 0;
        String needle = new String(PARTIAL, StandardCharsets.US_ASCII);
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
