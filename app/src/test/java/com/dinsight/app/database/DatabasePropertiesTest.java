package com.dinsight.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabasePropertiesTest {

    private static DatabaseProperties withSettings(String settings) {
        return new DatabaseProperties(null, null, null, 0, 10, false, settings);
    }

    @Test
    void embedded_settings_are_name_value_pairs_in_the_order_given() {
        assertThat(withSettings(" shared_buffers=512MB , work_mem=16MB").embeddedServerSettings())
                .containsExactly(Map.entry("shared_buffers", "512MB"), Map.entry("work_mem", "16MB"));
        assertThat(withSettings("").embeddedServerSettings()).isEmpty();
        assertThat(withSettings(null).embeddedServerSettings()).isEmpty();
    }

    @Test
    void a_setting_without_a_name_or_a_value_is_refused_naming_it() {
        assertThatThrownBy(() -> withSettings("shared_buffers=512MB,work_mem").embeddedServerSettings())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DINSIGHT_EMBEDDED_DB_SETTINGS").hasMessageContaining("'work_mem'");
        assertThatThrownBy(() -> withSettings("=16MB").embeddedServerSettings())
                .hasMessageContaining("'=16MB'");
        assertThatThrownBy(() -> withSettings("work_mem= ").embeddedServerSettings())
                .hasMessageContaining("'work_mem='");
    }
}
