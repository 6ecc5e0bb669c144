package com.camelprosa.component.prosastt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tooling's view of the component: the jar announces it in component.properties, and Camel's own catalog, given the
 * generated JSON, validates endpoint URIs as IDE plugins and Camel JBang do.
 */
class CatalogTest {

    static final String JSON = "/META-INF/com/camelprosa/component/prosastt/prosa-stt.json";

    @Test
    void componentPropertiesAnnouncesTheSchemeAndCoordinates() throws IOException {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org/apache/camel/component.properties")) {
            assertNotNull(in, "component.properties is generated (camel-prepare-component=true)");
            props.load(in);
        }
        assertEquals("prosa-stt", props.getProperty("components"));
        assertEquals("com.camelprosa", props.getProperty("groupId"));
        assertEquals("camel-prosa-stt", props.getProperty("artifactId"));
    }

    @Test
    void catalogValidatesEndpointUris() throws IOException {
        CamelCatalog catalog = new DefaultCamelCatalog();
        catalog.addComponent("prosa-stt", ProsaSttComponent.class.getName(), json());
        assertTrue(catalog.findComponentNames().contains("prosa-stt"));

        EndpointValidationResult good = catalog.validateEndpointProperties(
                "prosa-stt:general?apiKey=RAW(k)&outputType=stream&includePartial=true&connectTimeout=5s&audioFormat=s16le"
                                                                           + "&sampleRate=16000");
        assertTrue(good.isSuccess(), good.summaryErrorMessage(false));

        EndpointValidationResult misspelt = catalog.validateEndpointProperties("prosa-stt:general?apiKey=k&outputTyp=text");
        assertFalse(misspelt.isSuccess());
        assertTrue(misspelt.getUnknown().contains("outputTyp"), misspelt.summaryErrorMessage(false));

        EndpointValidationResult badEnum = catalog.validateEndpointProperties("prosa-stt:general?outputType=json");
        assertFalse(badEnum.isSuccess());
        assertTrue(badEnum.getInvalidEnum().containsKey("outputType"), badEnum.summaryErrorMessage(false));

        EndpointValidationResult badNumber = catalog.validateEndpointProperties("prosa-stt:general?chunkSize=big");
        assertFalse(badNumber.isSuccess());
        assertTrue(badNumber.getInvalidInteger().containsKey("chunkSize"), badNumber.summaryErrorMessage(false));

        EndpointValidationResult noModel = catalog.validateEndpointProperties("prosa-stt:?apiKey=k");
        assertFalse(noModel.isSuccess(), "the model path is required");
    }

    static String json() throws IOException {
        try (InputStream in = CatalogTest.class.getResourceAsStream(JSON)) {
            assertNotNull(in, JSON);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
