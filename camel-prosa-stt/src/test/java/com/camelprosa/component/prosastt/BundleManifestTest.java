package com.camelprosa.component.prosastt;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OSGi headers bnd wrote for the jar (target/classes/META-INF/MANIFEST.MF, which maven-jar-plugin packages):
 * versioned imports of Camel, Tyrus, Jackson and the WebSocket API, the Grizzly container Tyrus loads by name, the
 * public packages exported, and Camel's generated service files beside them.
 */
class BundleManifestTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final Path CLIENT_CLASSES = Path.of("../prosa-stt-client/target/classes");

    private static Attributes manifest(Path classes) throws Exception {
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void clientIsAnOsgiBundleWithVersionedImportsOfTyrus() throws Exception {
        Attributes a = manifest(CLIENT_CLASSES);
        assertEquals("com.camelprosa.prosa-stt-client", a.getValue("Bundle-SymbolicName"));
        assertTrue(a.getValue("Export-Package").contains("com.camelprosa.prosastt.client;version="));
        String imports = a.getValue("Import-Package");
        for (String expected : new String[] {
                "org.glassfish.tyrus.client;version=\"[2.2,3)\"",
                "org.glassfish.tyrus.container.grizzly.client;version=\"[2.2,3)\"",
                "jakarta.websocket;version=\"[2.1,3)\"", "com.fasterxml.jackson.databind;version=\"[2.15,3)\"" }) {
            assertTrue(imports.contains(expected), expected + " in " + imports);
        }
        assertFalse(imports.contains("org.glassfish.tyrus.bundles"), "nothing from the non-bundle standalone client");
        assertFalse(imports.contains("org.apache.camel"), "the client has no Camel: " + imports);
    }

    @Test
    void manifestIsAnOsgiBundleWithVersionedImports() throws Exception {
        Attributes a = manifest(CLASSES);
        assertEquals("com.camelprosa.camel-prosa-stt", a.getValue("Bundle-SymbolicName"));
        assertEquals("2", a.getValue("Bundle-ManifestVersion"));

        String exports = a.getValue("Export-Package");
        assertTrue(exports.contains("com.camelprosa.component.prosastt;version="), exports);

        String imports = a.getValue("Import-Package");
        for (String expected : new String[] {
                "org.apache.camel;version=\"[4.18,5)\"", "org.apache.camel.support;version=\"[4.18,5)\"",
                "com.camelprosa.prosastt.client;version=\"[0.1,0.2)\"",
                "com.fasterxml.jackson.databind;version=\"[2.15,3)\"",
                // metrics only when the application has Micrometer: the bundle resolves without it
                "io.micrometer.core.instrument;version=\"[1.14,2)\";resolution:=optional",
                // the span decorator only when the application traces with camel-telemetry
                "org.apache.camel.telemetry;version=\"[4.18,5)\";resolution:=optional",
                "org.apache.camel.telemetry.decorators;version=\"[4.18,5)\";resolution:=optional" }) {
            assertTrue(imports.contains(expected), expected + " in " + imports);
        }
        assertFalse(imports.matches(".*(^|,)java\\..*"), "java.* comes from the framework");

        for (String service : new String[] {
                "META-INF/services/org/apache/camel/component/prosa-stt",
                "META-INF/services/org/apache/camel/component.properties",
                "META-INF/services/org/apache/camel/configurer/prosa-stt-component",
                "META-INF/services/org/apache/camel/configurer/prosa-stt-endpoint",
                "META-INF/services/org/apache/camel/urifactory/prosa-stt-endpoint",
                "META-INF/services/org.apache.camel.telemetry.SpanDecorator",
                "META-INF/com/camelprosa/component/prosastt/prosa-stt.json" }) {
            assertTrue(Files.isRegularFile(CLASSES.resolve(service)), service);
        }
    }
}
