package com.camelprosa.component.prosastt.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders the option and header tables of {@code prosa-stt-component.adoc} from the generated component JSON, in the
 * table format of Camel's component pages, between Camel's markers ({@code // component options: START} ...). Never
 * edit the tables by hand: {@code mvn -pl camel-prosa-stt -am process-test-classes -Pupdate-docs} rewrites them, and
 * {@code DocTablesTest} fails when they differ from the JSON.
 */
public final class AdocTables {

    public static final String JSON = "/META-INF/com/camelprosa/component/prosastt/prosa-stt.json";
    public static final String ADOC = "src/main/docs/prosa-stt-component.adoc";
    private static final String HEAD = "[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n";

    private AdocTables() {
    }

    /** Rewrites the tables in the adoc given as the first argument (default {@value #ADOC}). */
    public static void main(String[] args) throws IOException {
        Path adoc = Path.of(args.length > 0 ? args[0] : ADOC);
        String before = Files.readString(adoc, StandardCharsets.UTF_8);
        String after = render(before, json());
        if (!after.equals(before)) {
            Files.writeString(adoc, after, StandardCharsets.UTF_8);
            System.out.println("Updated the option and header tables of " + adoc);
        } else {
            System.out.println(adoc + ": tables already match the component JSON");
        }
    }

    public static JsonNode json() throws IOException {
        try (InputStream in = AdocTables.class.getResourceAsStream(JSON)) {
            if (in == null) {
                throw new IllegalStateException(JSON + " is not on the classpath: build the component first");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    /** The adoc with every marked section replaced by the tables rendered from the JSON. */
    public static String render(String adoc, JsonNode json) {
        Map<String, String> sections = sections(json);
        String out = adoc;
        for (Map.Entry<String, String> section : sections.entrySet()) {
            out = replace(out, section.getKey(), section.getValue());
        }
        return out;
    }

    /** The marker names (as in {@code // NAME: START}) and the text between them, in page order. */
    public static Map<String, String> sections(JsonNode json) {
        String title = json.get("component").get("title").asText();
        String syntax = json.get("component").get("syntax").asText();

        StringBuilder component = new StringBuilder();
        JsonNode componentProperties = json.get("componentProperties");
        component.append("== Component Options\n\nThe ").append(title).append(" component supports ")
                .append(componentProperties.size()).append(" options, which are listed below.\n\n");
        table(component, componentProperties.properties());

        List<Map.Entry<String, JsonNode>> path = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> query = new ArrayList<>();
        json.get("properties").properties().forEach(p -> ("path".equals(p.getValue().get("kind").asText()) ? path : query).add(p));
        StringBuilder endpoint = new StringBuilder();
        endpoint.append("== Endpoint Options\n\nThe ").append(title).append(" endpoint is configured using URI syntax:\n\n----\n")
                .append(syntax).append("\n----\n\nwith the following path and query parameters:\n\n=== Path Parameters (")
                .append(path.size()).append(" parameters)\n\n");
        table(endpoint, path);
        endpoint.append("\n=== Query Parameters (").append(query.size()).append(" parameters)\n\n");
        table(endpoint, query);

        StringBuilder headers = new StringBuilder();
        JsonNode headerNodes = json.get("headers");
        headers.append("== Message Headers\n\nThe ").append(title).append(" component supports ").append(headerNodes.size())
                .append(" message headers, which are listed below.\n\n").append(HEAD);
        headerNodes.properties().forEach(h -> {
            JsonNode node = h.getValue();
            String constant = node.path("constantName").asText();
            headers.append("| *").append(h.getKey()).append("* (").append(node.path("group").asText()).append(")");
            if (!constant.isEmpty()) {
                headers.append(" +\nConstant: `").append(constant.substring(constant.indexOf('#') + 1)).append('`');
            }
            headers.append(" | ").append(cell(node.path("description").asText())).append(" | ")
                    .append(cell(node.path("defaultValue").asText(""))).append(" | ")
                    .append(simpleType(node.path("javaType").asText())).append('\n');
        });
        headers.append("|===\n");

        Map<String, String> sections = new java.util.LinkedHashMap<>();
        sections.put("component options", component.toString());
        sections.put("endpoint options", endpoint.toString());
        sections.put("component headers", headers.toString());
        return sections;
    }

    private static void table(StringBuilder out, Iterable<Map.Entry<String, JsonNode>> options) {
        out.append(HEAD);
        for (Map.Entry<String, JsonNode> option : options) {
            JsonNode node = option.getValue();
            StringBuilder description = new StringBuilder();
            if (node.path("required").asBoolean()) {
                description.append("*Required* ");
            }
            description.append(node.path("description").asText());
            if (node.has("enum")) {
                List<String> values = new ArrayList<>();
                node.get("enum").forEach(v -> values.add(v.asText()));
                description.append(" Enum values: ").append(String.join(", ", values)).append('.');
            }
            if (node.path("secret").asBoolean()) {
                description.append(" (secret)");
            }
            out.append("| *").append(option.getKey()).append("* (").append(node.path("group").asText()).append(") | ")
                    .append(cell(description.toString())).append(" | ")
                    .append(cell(node.path("defaultValue").asText(""))).append(" | ")
                    .append(simpleType(node.path("javaType").asText())).append('\n');
        }
        out.append("|===\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** {@code java.lang.String} becomes {@code String}, as on Camel's pages. */
    public static String simpleType(String javaType) {
        String type = javaType;
        int generic = type.indexOf('<');
        String suffix = generic < 0 ? "" : type.substring(generic);
        if (generic >= 0) {
            type = type.substring(0, generic);
        }
        return type.substring(type.lastIndexOf('.') + 1) + suffix;
    }

    private static String replace(String adoc, String name, String body) {
        String start = "// " + name + ": START\n";
        String end = "// " + name + ": END";
        int from = adoc.indexOf(start);
        int to = adoc.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("the adoc has no '" + start.trim() + "' ... '" + end + "' markers");
        }
        return adoc.substring(0, from + start.length()) + body + adoc.substring(to);
    }
}
