package com.dinsight.command.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.api.alert.AlertWindow;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    private static final UUID BASELINE = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void a_points_window_has_no_rate_until_it_is_full_then_slides() {
        RateWindow window = new RateWindow(new AlertWindow(4, null), null);
        window.add(BASELINE, 1, T0, true);
        window.add(BASELINE, 2, T0, false);
        window.add(BASELINE, 3, T0, true);
        assertThat(window.rate()).isEmpty();
        window.add(BASELINE, 4, T0, false);
        assertThat(window.rate().getAsDouble()).isEqualTo(0.5);
        window.add(BASELINE, 5, T0, true);
        assertThat(window.rate().getAsDouble()).isEqualTo(0.5);
        window.add(BASELINE, 6, T0, true);
        assertThat(window.rate().getAsDouble()).isEqualTo(0.75);
    }

    @Test
    void a_point_delivered_twice_counts_once_even_after_the_state_was_stored() {
        RateWindow window = new RateWindow(new AlertWindow(2, null), null);
        assertThat(window.add(BASELINE, 1, T0, true)).isTrue();
        RateWindow reloaded = new RateWindow(new AlertWindow(2, null), window.state());
        assertThat(reloaded.add(BASELINE, 1, T0, true)).isFalse();
        assertThat(reloaded.add(BASELINE, 2, T0, false)).isTrue();
        assertThat(reloaded.rate().getAsDouble()).isEqualTo(0.5);
    }

    @Test
    void a_minutes_window_forgets_minutes_older_than_its_span() {
        RateWindow window = new RateWindow(new AlertWindow(null, 2), null);
        window.add(BASELINE, 1, T0, true);
        window.add(BASELINE, 2, T0.plusSeconds(30), true);
        window.add(BASELINE, 3, T0.plusSeconds(61), false);
        assertThat(window.rate().getAsDouble()).isEqualTo(2.0 / 3);
        window.add(BASELINE, 4, T0.plusSeconds(125), false);
        assertThat(window.rate().getAsDouble()).isEqualTo(0.0);
    }
}
