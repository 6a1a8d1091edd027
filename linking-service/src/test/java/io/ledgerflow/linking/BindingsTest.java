package io.ledgerflow.linking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.topic.BindingsCheck;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The Spring Cloud Stream bindings in application.yml name registry topics: every input and its dead letters. */
class BindingsTest {

    @Test
    void everyBindingReadsARegistryTopicAndDeadLettersToThisServicesOwn() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        assertThat(properties.getProperty("spring.cloud.function.definition")).isNotBlank();
        assertThat(BindingsCheck.problems(properties)).isEmpty();
    }
}
