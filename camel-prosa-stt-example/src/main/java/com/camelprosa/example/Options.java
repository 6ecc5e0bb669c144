package com.camelprosa.example;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command line of the example. Everything else is in {@code application.properties} (any of its keys can also be
 * given as a system property, e.g. {@code -Dexample.http.retry-after=10}).
 *
 * @param dir        working folder: {@code in/} (inbox), {@code out/} (transcripts), {@code broker/} (journal)
 * @param apiKey     PROSA_API_KEY, or null to run the emulator in-process
 * @param url        another Prosa-compatible server ({@code -Dprosa.url}), or null
 * @param once       transcribe the files in the inbox, print the summary and exit
 * @param routes     which joins to run: files, http, jms, captions, ftp (ftp only with {@code --ftp})
 * @param httpPort   HTTP port; 0 picks a free one
 * @param brokerUrl  an external broker ({@code --broker tcp://host:61616}), or null for the embedded one
 * @param brokerPort the embedded broker's port; 0 picks a free one
 * @param ftpUrl     an FTP folder to transcribe ({@code --ftp ftp://user@host:21/inbox?password=...}), or null
 * @param instance   this instance's name, stamped on its results
 */
public record Options(Path dir, String apiKey, String url, boolean once, Set<String> routes, int httpPort,
        String brokerUrl, int brokerPort, String ftpUrl, String instance) {

    static final Set<String> ALL = Set.of("files", "http", "jms", "captions", "ftp");

    public static Options parse(String[] args, String apiKey) {
        Path dir = Path.of(System.getProperty("prosa.example.dir", "target/example")).toAbsolutePath();
        boolean once = false;
        Set<String> routes = new LinkedHashSet<>(List.of("files", "http", "jms", "captions"));
        int httpPort = 8080;
        String broker = null;
        int brokerPort = 61616;
        String ftp = null;
        String instance = "example-" + ProcessHandle.current().pid();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--once" -> once = true;
                case "--watch" -> once = false;
                case "--dir" -> dir = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--port" -> httpPort = Integer.parseInt(value(args, ++i, a));
                case "--broker" -> broker = value(args, ++i, a);
                case "--broker-port" -> brokerPort = Integer.parseInt(value(args, ++i, a));
                case "--ftp" -> ftp = value(args, ++i, a);
                case "--instance" -> instance = value(args, ++i, a);
                case "--routes" -> {
                    routes = new LinkedHashSet<>(List.of(value(args, ++i, a).split(",")));
                    if (!ALL.containsAll(routes)) {
                        throw new IllegalArgumentException("--routes takes some of " + ALL + ", not " + routes);
                    }
                }
                default -> throw new IllegalArgumentException("Unknown argument " + a + "\n" + usage());
            }
        }
        if (ftp != null) {
            routes.add("ftp");
        } else if (routes.contains("ftp")) {
            throw new IllegalArgumentException("--routes ftp needs --ftp URL");
        }
        if (once) {
            routes = new LinkedHashSet<>(Set.of("files"));
        }
        return new Options(dir, apiKey == null || apiKey.isBlank() ? null : apiKey, System.getProperty("prosa.url"),
                once, Set.copyOf(routes), httpPort, broker, brokerPort, ftp, instance);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value\n" + usage());
        }
        return args[i];
    }

    static String usage() {
        return """
                Usage: [--once] [--dir DIR] [--port HTTP_PORT] [--broker tcp://HOST:PORT] [--broker-port PORT]
                       [--ftp ftp://user@host:port/folder?password=...] [--routes files,http,jms,captions,ftp]
                       [--instance NAME]
                Environment: PROSA_API_KEY (unset: the emulator runs in-process). -Dprosa.url=ws://... another server.""";
    }

    /** The inbox of the files join. */
    Path inbox() {
        return dir.resolve("in");
    }

    /** Where the files and FTP joins write transcripts. */
    Path outbox() {
        return dir.resolve("out");
    }

    /** The inbox of stereo calls. */
    Path stereoInbox() {
        return dir.resolve("calls-stereo/in");
    }

    Path stereoOutbox() {
        return dir.resolve("calls-stereo/out");
    }

    boolean has(String route) {
        return routes.contains(route);
    }

    boolean offline() {
        return apiKey == null;
    }
}
