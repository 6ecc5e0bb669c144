package com.camelprosa.karaf.it.route;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.camelprosa.component.prosastt.ProsaSttComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The route bundle installed in Karaf by KarafFeatureTest (it runs inside the container, not in the test JVM): a
 * Camel context whose route transcribes files with {@code prosa-stt:general}, the component found by its scheme through
 * the bundle's META-INF/services file, and a report of how the camel-prosa-stt bundle was wired.
 * <p>
 * camel-karaf gives Camel an OSGi-aware class resolver; its stand-in here is a class loader that looks in the Camel
 * bundle, then in the camel-prosa-stt bundle.
 */
public class RouteActivator implements BundleActivator {

    private CamelContext camel;

    @Override
    public void start(BundleContext bundleContext) throws Exception {
        String url = bundleContext.getProperty("prosa.it.url");
        String key = bundleContext.getProperty("prosa.it.key");
        String in = bundleContext.getProperty("prosa.it.in");
        String out = bundleContext.getProperty("prosa.it.out");
        Path report = Path.of(bundleContext.getProperty("prosa.it.report"));

        ClassLoader loader = new CompositeLoader(CamelContext.class.getClassLoader(), ProsaSttComponent.class.getClassLoader());
        // A context class loader that sees nothing but the JDK, inherited by every thread Camel makes from here: Tyrus
        // loads its container through the context class loader, and camel-prosa-stt must not depend on what it is.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(null) {
        });
        try {
            DefaultCamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName("prosa-karaf-it");
            context.setApplicationContextClassLoader(loader);
            // Resolved by scheme: FactoryFinder reads META-INF/services/org/apache/camel/component/prosa-stt.
            ProsaSttComponent component = context.getComponent("prosa-stt", ProsaSttComponent.class);
            component.getConfiguration().setApiKey(key);
            component.getConfiguration().setUrl(url);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("file:" + in + "?move=.done").routeId("transcribe")
                            .to("prosa-stt:general")
                            .setHeader("CamelFileName", simple("${file:name.noext}.txt"))
                            .to("file:" + out);
                }
            });
            context.start();
            camel = context;
        } finally {
            thread.setContextClassLoader(previous);
        }
        write(report, bundleContext);
    }

    @Override
    public void stop(BundleContext bundleContext) {
        if (camel != null) {
            camel.stop();
        }
    }

    private static void write(Path report, BundleContext bundleContext) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            lines.add("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " " + state(bundle.getState()));
            if (bundle.getSymbolicName().startsWith("com.camelprosa.")) {
                BundleWiring wiring = bundle.adapt(BundleWiring.class);
                for (BundleWire wire : wiring.getRequiredWires("osgi.wiring.package")) {
                    lines.add("wire " + wire.getCapability().getAttributes().get("osgi.wiring.package") + " -> "
                              + wire.getProviderWiring().getBundle().getSymbolicName());
                }
            }
        }
        Files.write(report, lines, StandardCharsets.UTF_8);
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            default -> String.valueOf(state);
        };
    }

    /** Classes and resources from the first of its loaders that has them. */
    static final class CompositeLoader extends ClassLoader {
        private final ClassLoader[] loaders;

        CompositeLoader(ClassLoader... loaders) {
            super(null);
            this.loaders = loaders;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader l : loaders) {
                try {
                    return l.loadClass(name);
                } catch (ClassNotFoundException e) {
                    // next
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            for (ClassLoader l : loaders) {
                URL url = l.getResource(name);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            Set<URL> all = new LinkedHashSet<>();
            for (ClassLoader l : loaders) {
                all.addAll(Collections.list(l.getResources(name)));
            }
            return Collections.enumeration(all);
        }
    }
}
