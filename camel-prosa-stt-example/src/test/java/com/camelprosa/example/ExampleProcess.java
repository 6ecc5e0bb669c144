package com.camelprosa.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One example instance as a JVM process of its own running the JMS join ({@code --routes jms}) against a broker and a
 * Prosa server; its output lines are kept and logged to the test log.
 */
final class ExampleProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleProcess.class);

    final String name;
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    private ExampleProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                    LOG.info("[{}] {}", name, line);
                }
            } catch (Exception e) {
                // the process is gone
            }
        }, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code ExampleApp --routes jms --broker brokerUrl --port 0 --instance name} with the test's class path.
     *
     * @param jvmArgs more {@code -Dkey=value} settings
     */
    static ExampleProcess start(String name, Path dir, String brokerUrl, String prosaUrl, String key,
            List<String> jvmArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "-Dprosa.url=" + prosaUrl,
                "-Dprosa.example.dir=" + dir.resolve(name),
                // the application's own logging, to its output, which the test reads (not the tests' log file)
                "-Dlog4j2.configurationFile=" + ExampleApp.class.getResource("/log4j2.xml")));
        command.addAll(jvmArgs);
        command.addAll(List.of(ExampleApp.class.getName(), "--routes", "jms", "--broker", brokerUrl, "--port", "0",
                "--instance", name));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PROSA_API_KEY", key);
        pb.redirectErrorStream(true);
        return new ExampleProcess(name, pb.start());
    }

    boolean saw(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    boolean ready() {
        return saw("Ready (instance " + name + ")");
    }

    /** A job this instance is uploading now (it logged progress and not its end), or null. */
    String streaming() {
        for (String l : lines) {
            int i = l.indexOf("Job job-");
            if (i >= 0 && l.contains("s of audio sent")) {
                String job = l.substring(i + 4, l.indexOf(".wav", i));
                if (!saw("Job " + job + ".wav done")) {
                    return job;
                }
            }
        }
        return null;
    }

    /** Releases whatever a {@link KillPoint} in this process holds. */
    void release() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    void kill() {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no goodbye to the broker
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
