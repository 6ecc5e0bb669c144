package com.camelprosa.component.prosastt.springboot;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.stereotype.Component;

/**
 * Binds bean references in properties, as Camel's starters do:
 * {@code camel.component.prosa-stt.ssl-context-parameters=#bean:mySsl} (or {@code #mySsl}) resolves the Spring bean.
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesBinding
@Component
public class ProsaSttComponentConverter implements GenericConverter {

    @Autowired
    private ApplicationContext applicationContext;

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        Set<ConvertiblePair> answer = new LinkedHashSet<>();
        answer.add(new ConvertiblePair(String.class, com.camelprosa.component.prosastt.ProsaSttConfiguration.class));
        answer.add(new ConvertiblePair(String.class, org.apache.camel.support.jsse.SSLContextParameters.class));
        answer.add(new ConvertiblePair(String.class, com.camelprosa.prosastt.client.ProsaSttClient.class));
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
            case "com.camelprosa.component.prosastt.ProsaSttConfiguration":
                return applicationContext.getBean(ref, com.camelprosa.component.prosastt.ProsaSttConfiguration.class);
            case "org.apache.camel.support.jsse.SSLContextParameters":
                return applicationContext.getBean(ref, org.apache.camel.support.jsse.SSLContextParameters.class);
            case "com.camelprosa.prosastt.client.ProsaSttClient":
                return applicationContext.getBean(ref, com.camelprosa.prosastt.client.ProsaSttClient.class);
            default:
                return null;
        }
    }
}
