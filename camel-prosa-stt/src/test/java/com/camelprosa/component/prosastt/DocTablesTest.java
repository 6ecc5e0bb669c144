package com.camelprosa.component.prosastt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.camelprosa.component.prosastt.support.AdocTables;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adoc's option and header tables are exactly what the component JSON says: no hand edits, no drift. */
class DocTablesTest {

    @Test
    void tablesMatchTheComponentJson() throws Exception {
        String adoc = Files.readString(Path.of(AdocTables.ADOC), StandardCharsets.UTF_8);
        String expected = AdocTables.render(adoc, AdocTables.json());
        if (!expected.equals(adoc)) {
            String[] want = expected.split("\n", -1);
            String[] have = adoc.split("\n", -1);
            int line = 0;
            while (line < Math.min(want.length, have.length) && want[line].equals(have[line])) {
                line++;
            }
            assertEquals(line < want.length ? want[line] : "(end of page)", line < have.length ? have[line] : "(end of page)",
                    "The tables in " + AdocTables.ADOC + " differ from prosa-stt.json from line " + (line + 1)
                                                                                     + ". Regenerate them with: mvn -pl camel-prosa-stt -am"
                                                                                     + " process-test-classes -Pupdate-docs");
        }
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
