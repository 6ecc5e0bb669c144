package com.camelprosa.karaf.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Apache Karaf 4.4.8 (the distribution from the Maven registry, started as its own process with
 * {@code bin/karaf server}) boots the {@code camel-prosa-stt} feature of camel-prosa-stt-karaf's features.xml, resolving
 * every bundle it lists (the component bundle, Tyrus, Grizzly, Jakarta WebSocket, JAXB, Activation) from Maven
 * repositories; a route bundle then transcribes a file against the emulator running in this JVM.
 * <p>
 * camel-karaf's features are not served on this machine, so its repository line in features.xml is pointed at a
 * stand-in: {@code camel-core} is Camel's own jars from this test's classpath merged into one wrapped bundle that
 * exports every org.apache.camel package at the Camel version, and {@code jackson} is Jackson's bundles. Everything
 * else is the real features file and the real bundle.
 */
class KarafFeatureTest {

    private static final String KEY = "karaf-it-key";
    private Process karaf;

    @Test
    void featureInstallsAndARouteInKarafTranscribes() throws Exception {
        Path work = Path.of("target/karaf-it").toAbsolutePath();
        deleteTree(work);
        Path home = work.resolve("karaf");
        copyTree(Path.of(System.getProperty("karaf.home.dist")), home);
        Path repo = Files.createDirectories(work.resolve("repo"));
        Path in = Files.createDirectories(work.resolve("in"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path report = work.resolve("bundles.txt");

        // The component and client bundles where features.xml's mvn: URLs find them (no mvn install needed).
        Path component = classpathJar("camel-prosa-stt-0");
        String version = component.getFileName().toString().replace("camel-prosa-stt-", "").replace(".jar", "");
        copy(component, repo.resolve("com/camelprosa/camel-prosa-stt/" + version + "/camel-prosa-stt-" + version + ".jar"));
        copy(classpathJar("prosa-stt-client-0"),
                repo.resolve("com/camelprosa/prosa-stt-client/" + version + "/prosa-stt-client-" + version + ".jar"));

        String camelVersion = classpathJar("camel-api-").getFileName().toString().replace("camel-api-", "").replace(".jar", "");
        Path camel = camelStandIn(work.resolve("camel-core-standin.jar"), camelVersion);
        Path route = routeBundle(work.resolve("prosa-stt-it-route.jar"));

        Path standIn = work.resolve("camel-karaf-standin.xml");
        StringBuilder jackson = new StringBuilder();
        for (String a : List.of("jackson-annotations-", "jackson-core-", "jackson-databind-")) {
            jackson.append("    <bundle>").append(classpathJar(a).toUri()).append("</bundle>\n");
        }
        Files.writeString(standIn, """
                <features name="camel-karaf-standin" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="camel-core" version="%s">
                    <bundle>%s</bundle>
                  </feature>
                  <feature name="jackson" version="2">
                %s  </feature>
                  <feature name="prosa-stt-it-route" version="1">
                    <feature>camel-prosa-stt</feature>
                    <bundle>%s</bundle>
                  </feature>
                </features>
                """.formatted(camelVersion, camel.toUri(), jackson, route.toUri()));

        // The real features file, with camel-karaf's repository (not served here) replaced by the stand-in.
        String features = Files.readString(Path.of(System.getProperty("features.xml")));
        assertTrue(features.contains("<repository>mvn:org.apache.camel.karaf/apache-camel/"), features);
        features = features.replaceAll("<repository>mvn:org.apache.camel.karaf/apache-camel/[^<]*</repository>",
                "<repository>" + standIn.toUri() + "</repository>");
        Path featuresFile = work.resolve("camel-prosa-stt-features.xml");
        Files.writeString(featuresFile, features);

        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().apiKey(KEY)
                .transcripts(TranscriptScript.of("karaf.wav", List.of("halo dari", "karaf"))).build().start()) {
            configure(home, repo, featuresFile, Map.of("prosa.it.url", emulator.url(), "prosa.it.key", KEY,
                    "prosa.it.in", in.toString(), "prosa.it.out", out.toString(), "prosa.it.report", report.toString()));
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("console.log").toFile());
            pb.environment().put("KARAF_HOME", home.toString());
            karaf = pb.start();

            Path log = home.resolve("data/log/karaf.log");
            await("the route bundle started (features resolved)").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("Karaf exited", () -> !karaf.isAlive())
                    .until(() -> Files.exists(report) || failed(log));
            assertTrue(Files.exists(report), () -> "feature install failed; karaf.log:\n" + tail(log));

            List<String> lines = Files.readAllLines(report);
            assertTrue(lines.contains("bundle com.camelprosa.camel-prosa-stt " + version.replace("-SNAPSHOT", ".SNAPSHOT")
                                      + " ACTIVE"), String.join("\n", lines));
            assertTrue(lines.contains("bundle com.camelprosa.prosa-stt-client " + version.replace("-SNAPSHOT", ".SNAPSHOT")
                                      + " ACTIVE"), String.join("\n", lines));
            for (String wire : List.of("wire org.apache.camel -> org.apache.camel.standin",
                    "wire com.camelprosa.prosastt.client -> com.camelprosa.prosa-stt-client",
                    "wire org.glassfish.tyrus.client -> org.glassfish.tyrus.client",
                    "wire org.glassfish.tyrus.container.grizzly.client -> org.glassfish.tyrus.container-grizzly-client",
                    "wire jakarta.websocket -> jakarta.websocket-client-api",
                    "wire com.fasterxml.jackson.databind -> com.fasterxml.jackson.core.jackson-databind")) {
                assertTrue(lines.contains(wire), wire + " in\n" + String.join("\n", lines));
            }

            byte[] wav = SyntheticAudio.wav(16000, 0.3, 0.6, 0.5, 0.5);
            Files.write(in.resolve("karaf.wav.part"), wav);
            Files.move(in.resolve("karaf.wav.part"), in.resolve("karaf.wav"), StandardCopyOption.ATOMIC_MOVE);
            Path transcript = out.resolve("karaf.txt");
            await("the transcript written by the route in Karaf").atMost(Duration.ofSeconds(60))
                    .failFast("Karaf exited", () -> !karaf.isAlive())
                    .until(() -> Files.exists(transcript) && Files.size(transcript) > 0);
            assertEquals("halo dari karaf", Files.readString(transcript));
            assertTrue(emulator.sessions().size() >= 1);
            String karafLog = Files.readString(log);
            assertTrue(!karafLog.contains(KEY), "the key in karaf.log");
        }
    }

    @AfterEach
    void stopKaraf() throws Exception {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(karaf.descendants().toList());
        tree.add(karaf.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static boolean failed(Path log) throws IOException {
        return Files.exists(log) && Files.readString(log).contains("Error installing boot features");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no karaf.log: " + e + ")";
        }
    }

    /** Maven repositories only on disk (offline), boot features without ssh/JMX ports, the test's settings. */
    private static void configure(Path home, Path repo, Path features, Map<String, String> properties) throws IOException {
        Path mvn = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        String m2 = Path.of(System.getProperty("m2.repo")).toUri().toString();
        String s = Files.readString(mvn);
        s = s.replace("org.ops4j.pax.url.mvn.defaultRepositories=\\\n", "org.ops4j.pax.url.mvn.defaultRepositories=\\\n    "
                                                                         + repo.toUri() + "@id=it@snapshots, \\\n    " + m2
                                                                         + "@id=m2@snapshots, \\\n");
        s = s.replaceAll("(?s)org\\.ops4j\\.pax\\.url\\.mvn\\.repositories=.*?\n\n", "org.ops4j.pax.url.mvn.repositories=\n\n");
        Files.writeString(mvn, s);

        Path cfg = home.resolve("etc/org.apache.karaf.features.cfg");
        String f = Files.readString(cfg);
        f = f.replace("featuresRepositories = \\\n", "featuresRepositories = \\\n    " + features.toUri() + ", \\\n");
        f = f.replace("    ssh/4.4.8, \\\n", "").replace("    management/4.4.8, \\\n", "")
                .replace("    config/4.4.8, \\\n    kar/4.4.8", "    config/4.4.8, \\\n    prosa-stt-it-route");
        assertTrue(f.contains("prosa-stt-it-route"), "featuresBoot edited");
        Files.writeString(cfg, f);

        StringBuilder system = new StringBuilder("\n");
        properties.forEach((k, v) -> system.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(home.resolve("etc/system.properties"), system, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Camel's jars on this classpath as one bundle exporting every org.apache.camel package at the Camel version. */
    private static Path camelStandIn(Path target, String camelVersion) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        TreeSet<String> packages = new TreeSet<>();
        for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(element).getFileName().toString();
            if (!element.contains("org" + File.separator + "apache" + File.separator + "camel") || !name.startsWith("camel-")
                || !name.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(element)) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (e.isDirectory() || n.equals("META-INF/MANIFEST.MF") || n.startsWith("META-INF/maven/")
                        || n.endsWith("module-info.class")) {
                        continue;
                    }
                    byte[] bytes;
                    try (InputStream is = jar.getInputStream(e)) {
                        bytes = is.readAllBytes();
                    }
                    if (entries.containsKey(n) && n.startsWith("META-INF/services/")) {
                        // lists (TypeConverterLoader, ServiceLoader files): keep every jar's lines
                        byte[] before = entries.get(n);
                        byte[] both = new byte[before.length + 1 + bytes.length];
                        System.arraycopy(before, 0, both, 0, before.length);
                        both[before.length] = '\n';
                        System.arraycopy(bytes, 0, both, before.length + 1, bytes.length);
                        entries.put(n, both);
                    } else {
                        entries.putIfAbsent(n, bytes);
                    }
                    if (n.endsWith(".class") && n.contains("/")) {
                        packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.'));
                    }
                }
            }
        }
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.apache.camel.standin");
        a.putValue("Bundle-Version", camelVersion);
        StringBuilder exports = new StringBuilder();
        for (String p : packages) {
            exports.append(exports.length() == 0 ? "" : ",").append(p).append(";version=\"").append(camelVersion).append('"');
        }
        a.putValue("Export-Package", exports.toString());
        a.putValue("Import-Package", "org.slf4j;version=\"[1.7,3)\"");
        a.putValue("DynamicImport-Package", "*");
        return jar(target, manifest, entries);
    }

    /** This module's RouteActivator as a bundle. */
    private static Path routeBundle(Path target) throws IOException {
        Path classes = Path.of("target/test-classes");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Path dir = classes.resolve("com/camelprosa/karaf/it/route");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                entries.put(classes.relativize(p).toString().replace(File.separatorChar, '/'), Files.readAllBytes(p));
            }
        }
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "com.camelprosa.karaf.it.route");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", "com.camelprosa.karaf.it.route.RouteActivator");
        a.putValue("Import-Package", "org.osgi.framework,org.osgi.framework.wiring,org.apache.camel;version=\"[4.18,5)\","
                                     + "org.apache.camel.builder,org.apache.camel.impl,org.apache.camel.model,"
                                     + "com.camelprosa.component.prosastt");
        a.putValue("DynamicImport-Package", "*");
        return jar(target, manifest, entries);
    }

    private static Path jar(Path target, Manifest manifest, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(os, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Path classpathJar(String prefix) {
        for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(element);
            String name = p.getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
                return p;
            }
        }
        throw new IllegalStateException("no " + prefix + "*.jar on the test classpath (run with verify, so the reactor"
                                        + " packages camel-prosa-stt): " + System.getProperty("java.class.path"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
