package com.camelprosa.component.prosastt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adoc's option and header tables are exactly what the component JSON says: no hand edits, no drift. */
class DocTablesTest {

    @Test
    void tablesMatchTheComponentJson() throws Exception {
        String adoc = Files.readString(Path.of(AdocTables.ADOC), StandardCharsets.UTF_8);
        assertEquals(AdocTables.render(adoc, AdocTables.json()), adoc,
                "The tables in " + AdocTables.ADOC + " differ from prosa-stt.json. Regenerate them with:"
                                                                      + " mvn -pl camel-prosa-stt -am process-test-classes -Pupdate-docs");
    }

    @Test
    void everyOptionAndHeaderIsOnThePage() throws Exception {
        String adoc = Files.readString(Path.of(AdocTables.ADOC), StandardCharsets.UTF_8);
        JsonNode json = AdocTables.json();
        json.get("componentProperties").fieldNames().forEachRemaining(o -> assertTrue(adoc.contains("| *" + o + "* ("), o));
        json.get("properties").fieldNames().forEachRemaining(o -> assertTrue(adoc.contains("| *" + o + "* ("), o));
        json.get("headers").fieldNames().forEachRemaining(h -> assertTrue(adoc.contains("| *" + h + "* ("), h));
    }
}
