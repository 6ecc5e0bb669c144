package com.camelprosa.tooling.starter;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the starter's {@code <Name>ComponentConfiguration} (every component option as a Spring Boot property) and
 * {@code <Name>ComponentConverter} (bean references for options of object type) from the component's JSON, the
 * catalog model that camel-component-maven-plugin generates into the component's jar. They have the shape Camel's own
 * starter generator (camel-spring-boot-generator-maven-plugin) gives its starters; that generator only handles
 * Apache's group id.
 * <p>
 * The starter's build runs this file with the java launcher at generate-sources, on the starter's compile classpath:
 * {@code java StarterGenerator.java <JSON classpath resource> <source directory>}. The output depends on the JSON
 * alone, and a file is only rewritten when its content changes.
 */
public final class StarterGenerator {

    /** Characters of text per line of a field's Javadoc, the width the classes had when written by hand. */
    private static final int FIELD_JAVADOC_WIDTH = 76;
    private static final int CLASS_JAVADOC_WIDTH = 116;

    private final JsonNode component;
    private final String jsonName;
    private final String packageName;
    private final String baseName;
    private final List<Option> options = new ArrayList<>();

    private StarterGenerator(JsonNode json, String jsonName) {
        this.component = json.get("component");
        this.jsonName = jsonName;
        String componentType = component.get("javaType").asText();
        this.packageName = componentType.substring(0, componentType.lastIndexOf('.')) + ".springboot";
        this.baseName = componentType.substring(componentType.lastIndexOf('.') + 1).replaceFirst("Component$", "");
        json.get("componentProperties").properties().forEach(e -> {
            if (e.getKey().equals("enabled") || e.getKey().equals("customizer")) {
                throw new IllegalArgumentException("option " + e.getKey() + " clashes with a property of the starter");
            }
            options.add(Option.of(e.getKey(), e.getValue()));
        });
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: StarterGenerator <JSON classpath resource> <source directory>,"
                                               + " not " + Arrays.toString(args));
        }
        JsonNode json;
        try (InputStream in = StarterGenerator.class.getClassLoader().getResourceAsStream(args[0])) {
            if (in == null) {
                throw new FileNotFoundException(args[0] + " is not on the classpath");
            }
            json = new ObjectMapper().readTree(in);
        }
        StarterGenerator generator = new StarterGenerator(json, args[0].substring(args[0].lastIndexOf('/') + 1));
        Path directory = Path.of(args[1]).resolve(generator.packageName.replace('.', '/'));
        String baseName = generator.baseName;
        generator.write(directory.resolve(baseName + "ComponentConfiguration.java"), generator.configuration());
        generator.write(directory.resolve(baseName + "ComponentConverter.java"), generator.converter());
    }

    private String configuration() {
        String scheme = component.get("scheme").asText();
        StringBuilder out = new StringBuilder(header()).append("""
                import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
                import org.springframework.boot.context.properties.ConfigurationProperties;

                """);
        out.append(javadoc("", CLASS_JAVADOC_WIDTH, component.get("description").asText(), "Every option of the "
                + scheme + " component, bound from {@code camel.component." + scheme + ".*}. Generated from " + jsonName
                + " by StarterGenerator (src/tooling/java): a new option of the component is a property here after the"
                + " next build."));
        out.append("@ConfigurationProperties(prefix = \"camel.component.").append(scheme).append("\")\n")
                .append("public class ").append(baseName)
                .append("ComponentConfiguration extends ComponentConfigurationPropertiesCommon {\n\n");
        out.append(javadoc("    ", FIELD_JAVADOC_WIDTH,
                "Whether to enable auto configuration of the " + scheme + " component. This is enabled by default."));
        out.append("    private Boolean enabled;\n");
        for (Option option : options) {
            out.append(javadoc("    ", FIELD_JAVADOC_WIDTH, option.javadoc()));
            out.append("    private ").append(option.fieldType()).append(' ').append(option.name());
            String initializer = option.initializer();
            out.append(initializer == null ? "" : " = " + initializer).append(";\n");
        }
        accessors(out, "Boolean", "enabled");
        for (Option option : options) {
            accessors(out, option.fieldType(), option.name());
        }
        return out.append("}\n").toString();
    }

    private static void accessors(StringBuilder out, String type, String name) {
        String property = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        out.append("""

                    public %1$s get%2$s() {
                        return %3$s;
                    }

                    public void set%2$s(%1$s %3$s) {
                        this.%3$s = %3$s;
                    }
                """.formatted(type, property, name));
    }

    private String converter() {
        List<String> types = options.stream().filter(Option::isBeanReference).map(Option::javaType).distinct().toList();
        StringBuilder out = new StringBuilder(header()).append("""
                import java.util.LinkedHashSet;
                import java.util.Set;

                import org.springframework.beans.factory.annotation.Autowired;
                import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
                import org.springframework.context.ApplicationContext;
                import org.springframework.context.annotation.Configuration;
                import org.springframework.core.convert.TypeDescriptor;
                import org.springframework.core.convert.converter.GenericConverter;
                import org.springframework.stereotype.Component;

                """);
        out.append(javadoc("", CLASS_JAVADOC_WIDTH, "Binds bean references in properties, as Camel's starters do:"
                + " {@code camel.component." + component.get("scheme").asText() + ".<option>=#bean:myBean}"
                + " (or {@code #myBean}) resolves the Spring bean for an option of object type. Generated from "
                + jsonName + " by StarterGenerator (src/tooling/java)."));
        out.append("""
                @Configuration(proxyBeanMethods = false)
                @ConfigurationPropertiesBinding
                @Component
                public class %sComponentConverter implements GenericConverter {

                    @Autowired
                    private ApplicationContext applicationContext;

                    @Override
                    public Set<ConvertiblePair> getConvertibleTypes() {
                        Set<ConvertiblePair> answer = new LinkedHashSet<>();
                """.formatted(baseName));
        for (String type : types) {
            out.append("        answer.add(new ConvertiblePair(String.class, ").append(type).append(".class));\n");
        }
        out.append("""
                        return answer;
                    }

                    @Override
                    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
                        if (source == null) {
                            return null;
                        }
                        String ref = source.toString();
                        if (!ref.startsWith("#")) {
                            return null;
                        }
                        ref = ref.startsWith("#bean:") ? ref.substring(6) : ref.substring(1);
                        switch (targetType.getName()) {
                """);
        for (String type : types) {
            out.append("            case \"").append(type).append("\":\n");
            out.append("                return applicationContext.getBean(ref, ").append(type).append(".class);\n");
        }
        return out.append("""
                            default:
                                return null;
                        }
                    }
                }
                """).toString();
    }

    private String header() {
        return "/* Generated by camel-prosa-stt-starter's StarterGenerator from " + jsonName
               + " - do NOT edit this file! */\npackage " + packageName + ";\n\n";
    }

    /** A Javadoc comment of the paragraphs, each wrapped at spaces to lines of at most {@code width} characters. */
    private static String javadoc(String indent, int width, String... paragraphs) {
        StringBuilder out = new StringBuilder(indent).append("/**\n");
        for (int i = 0; i < paragraphs.length; i++) {
            if (paragraphs[i].contains("*/")) {
                throw new IllegalArgumentException("'*/' would end the Javadoc comment early: " + paragraphs[i]);
            }
            if (i > 0) {
                out.append(indent).append(" * <p>\n");
            }
            StringBuilder line = new StringBuilder();
            for (String word : paragraphs[i].trim().split("\\s+")) {
                if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                    out.append(indent).append(" * ").append(line).append('\n');
                    line.setLength(0);
                }
                line.append(line.isEmpty() ? "" : " ").append(word);
            }
            out.append(indent).append(" * ").append(line).append('\n');
        }
        return out.append(indent).append(" */\n").toString();
    }

    private void write(Path file, String source) throws IOException {
        byte[] content = source.getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), content)) {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
    }

    /**
     * One entry of the JSON's {@code componentProperties} as a property of the configuration class: its type there,
     * its default as a Java literal (spring-boot-configuration-processor takes defaults from literal initializers
     * only) and its Javadoc.
     */
    record Option(String name, String type, String javaType, String description, JsonNode defaultValue,
                  boolean enumerated) {

        private static final Map<String, String> WRAPPERS = Map.of("boolean", "Boolean", "int", "Integer", "long",
                "Long", "double", "Double", "float", "Float", "short", "Short", "byte", "Byte");

        static Option of(String name, JsonNode option) {
            return new Option(name, option.path("type").asText(), option.get("javaType").asText(),
                    option.path("description").asText(), option.get("defaultValue"), option.has("enum"));
        }

        /**
         * A duration is a number of milliseconds in the component and a String here: Spring Boot cannot bind
         * {@code 10s} to a number, while Camel converts both {@code 10000} and {@code 10s} when it sets the option.
         */
        boolean isDuration() {
            return "duration".equals(type);
        }

        /**
         * An object Spring Boot cannot bind from text, so given as a bean reference, which the converter looks up
         * (Spring Boot binds maps, lists, sets and java.time types itself).
         */
        boolean isBeanReference() {
            return "object".equals(type) && !enumerated && !"java.lang.Object".equals(javaType)
                   && !javaType.startsWith("java.util.Map") && !javaType.startsWith("java.util.List")
                   && !javaType.startsWith("java.util.Set") && !javaType.startsWith("java.time.");
        }

        /** Wrappers for primitives, so that null means "not configured". */
        String fieldType() {
            if (isDuration()) {
                return "String";
            }
            String type = WRAPPERS.getOrDefault(javaType, javaType);
            boolean javaLang = type.startsWith("java.lang.") && type.lastIndexOf('.') == "java.lang".length();
            return javaLang ? type.substring("java.lang.".length()) : type;
        }

        /** The default as a Java literal, or null when the option has none. */
        String initializer() {
            if (defaultValue == null || defaultValue.asText().isEmpty()) {
                return null;
            }
            String value = defaultValue.asText();
            return switch (fieldType()) {
                case "String" -> '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
                case "Boolean", "Integer", "Short", "Byte" -> value;
                case "Long" -> value + "L";
                case "Double" -> value + "D";
                case "Float" -> value + "F";
                default -> {
                    if (enumerated) {
                        yield fieldType() + "." + value;
                    }
                    throw new IllegalArgumentException("no Java literal for the default '" + value + "' of option "
                                                       + name + " (" + javaType + ")");
                }
            };
        }

        /** The description, naming the option's type where the property's own type does not, as Camel's starters do. */
        String javadoc() {
            if (isBeanReference()) {
                return sentence(description) + " The option is a " + javaType + " type.";
            }
            if (isDuration()) {
                return sentence(description) + " The option is a " + javaType
                       + " type, given in milliseconds or as a duration such as 10s.";
            }
            return description;
        }

        private static String sentence(String text) {
            return text.endsWith(".") ? text : text + ".";
        }
    }
}
