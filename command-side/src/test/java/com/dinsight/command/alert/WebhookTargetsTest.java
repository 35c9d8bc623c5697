package com.dinsight.command.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.error.FieldError;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    private final WebhookTargets guarded = new WebhookTargets(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1"})
    void non_public_addresses_are_refused(String address) throws Exception {
        assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888"})
    void public_addresses_are_allowed(String address) throws Exception {
        assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void a_rule_naming_a_local_address_literally_is_refused_with_the_field_of_the_action() {
        List<AlertAction> actions = List.of(
                new AlertAction("email", null, "ops@example.com"),
                new AlertAction("webhook", "https://hooks.example.com/dinsight", null),
                new AlertAction("webhook", "http://localhost:8080/admin", null),
                new AlertAction("webhook", "http://2130706433/", null),
                new AlertAction("webhook", "http://[::1]:9000/", null),
                new AlertAction("webhook", "http://169.254.169.254/latest/meta-data/", null));
        assertThat(guarded.literalViolations(actions)).extracting(FieldError::field)
                .containsExactly("actions[2].url", "actions[3].url", "actions[4].url", "actions[5].url");
        assertThat(new WebhookTargets(true).literalViolations(actions)).isEmpty();
    }

    @Test
    void a_delivery_to_a_host_resolving_to_loopback_is_refused_before_any_connection() {
        assertThat(guarded.refusal(URI.create("http://127.0.0.1:9/hook"))).hasValueSatisfying(
                reason -> assertThat(reason).contains("127.0.0.1").contains("non-public"));
        assertThat(new WebhookTargets(true).refusal(URI.create("http://127.0.0.1:9/hook"))).isEmpty();
    }
}
