package io.ledgerflow.eventlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.mock.env.MockEnvironment;

class KafkaClientSettingsTest {

    private static KafkaClientSettings settings(String... keyValues) {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < keyValues.length; i += 2) {
            environment.setProperty("ledgerflow.kafka." + keyValues[i], keyValues[i + 1]);
        }
        return KafkaClientSettings.from(environment);
    }

    @Test
    void theLocalDefaultIsPlainTextAndNothingElse() {
        KafkaClientSettings local = settings("truststore-location", "", "sasl-username", "", "client-rack", "");
        assertThat(local.commonProperties()).containsExactlyEntriesOf(Map.of("security.protocol", "PLAINTEXT"));
        assertThat(local.consumerProperties()).isEmpty();
    }

    @Test
    void scramOverTlsBuildsTheJaasLineKafkaParsesBack() {
        String password = "p\"a\\ss word";
        KafkaClientSettings scram = settings(
                "security-protocol", "SASL_SSL",
                "sasl-mechanism", "SCRAM-SHA-256",
                "sasl-username", "ledgerflow",
                "sasl-password", password,
                "truststore-location", "/etc/ledgerflow/kafka/truststore.p12",
                "truststore-password", "changeit",
                "truststore-type", "PKCS12");
        var props = scram.commonProperties();
        assertThat(props)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("ssl.truststore.location", "/etc/ledgerflow/kafka/truststore.p12")
                .containsEntry("ssl.truststore.type", "PKCS12");
        AppConfigurationEntry entry = JaasContext.loadClientContext(
                        Map.of("sasl.jaas.config", new Password(props.get("sasl.jaas.config"))))
                .configurationEntries()
                .get(0);
        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(entry.getOptions().get("username")).isEqualTo("ledgerflow");
        assertThat(entry.getOptions().get("password")).isEqualTo(password);
    }

    @Test
    void plainUsesThePlainLoginModuleAndAGivenJaasLineWins() {
        assertThat(settings(
                                "security-protocol",
                                "sasl_plaintext",
                                "sasl-mechanism",
                                "PLAIN",
                                "sasl-username",
                                "u",
                                "sasl-password",
                                "p")
                        .commonProperties()
                        .get("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
        assertThat(settings("security-protocol", "SASL_SSL", "sasl-mechanism", "OAUTHBEARER", "sasl-jaas-config", "x;")
                        .commonProperties())
                .containsEntry("sasl.jaas.config", "x;")
                .doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void saslWithoutCredentialsOrAnUnknownProtocolFailsAtStart() {
        assertThatThrownBy(() -> settings("security-protocol", "SASL_SSL").commonProperties())
                .hasMessageContaining("KAFKA_SASL_USERNAME");
        assertThatThrownBy(() -> settings("security-protocol", "TLS"))
                .hasStackTraceContaining("KAFKA_SECURITY_PROTOCOL is one of")
                .hasStackTraceContaining("not TLS");
    }

    @Test
    void clientIdAndRackReachSpringsKafkaProperties() {
        KafkaProperties kafka = new KafkaProperties();
        settings("security-protocol", "SSL", "client-id", "calc", "client-rack", "eu-west-1a")
                .applyTo(kafka);
        assertThat(kafka.buildProducerProperties())
                .containsEntry("client.id", "calc")
                .containsEntry("security.protocol", "SSL");
        assertThat(kafka.buildConsumerProperties()).containsEntry("client.rack", "eu-west-1a");
        assertThat(kafka.buildProducerProperties()).doesNotContainKey("client.rack");
    }
}
