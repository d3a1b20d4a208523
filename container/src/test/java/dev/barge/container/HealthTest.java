package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HealthTest {
    private static Health.Probe probe(int code) {
        return new Health.Probe(1, 2, code, "out");
    }

    @Test
    void oneSuccessMakesHealthyAndResetsTheStreak() {
        Health h = Health.starting(List.of()).after(probe(1), 3, false).after(probe(0), 3, false);
        assertThat(h.status()).isEqualTo(Health.HEALTHY);
        assertThat(h.failingStreak()).isZero();
        assertThat(h.log()).hasSize(2);
    }

    @Test
    void retriesFailuresInARowMakeUnhealthy() {
        Health h = Health.starting(List.of()).after(probe(0), 2, false).after(probe(1), 2, false);
        assertThat(h.status()).isEqualTo(Health.HEALTHY);
        assertThat(h.failingStreak()).isEqualTo(1);
        h = h.after(probe(1), 2, false);
        assertThat(h.status()).isEqualTo(Health.UNHEALTHY);
        assertThat(h.failingStreak()).isEqualTo(2);
    }

    @Test
    void failuresInTheStartPeriodDoNotCount() {
        Health h = Health.starting(List.of()).after(probe(1), 1, true).after(probe(1), 1, true);
        assertThat(h.status()).isEqualTo(Health.STARTING);
        assertThat(h.failingStreak()).isZero();
        assertThat(h.after(probe(1), 1, false).status()).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void theLogKeepsTheLastFiveProbes() {
        Health h = Health.starting(List.of());
        for (int i = 0; i < 7; i++) {
            h = h.after(new Health.Probe(i, i, 0, ""), 3, false);
        }
        assertThat(h.log()).extracting(Health.Probe::startNanos).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aContainerMustCarryEveryLabelFilteredOn() {
        Container both = withLabels(Map.of("a", "1", "b", "2"));
        Container one = withLabels(Map.of("a", "1"));
        Predicate<Container> f = ContainerFilter.of(Map.of("label", List.of("a=1", "b=2")), ContainerFilter.LIST_FILTERS,
                ref -> both, ref -> Optional.empty(), c -> "none");
        assertThat(f.test(both)).isTrue();
        assertThat(f.test(one)).isFalse();
        Predicate<Container> names = ContainerFilter.of(Map.of("status", List.of("created", "exited")),
                ContainerFilter.LIST_FILTERS, ref -> both, ref -> Optional.empty(), c -> "none");
        assertThat(names.test(one)).as("other keys match any of their values").isTrue();
    }

    @Test
    void theHealthFilterAsksTheChecks() {
        Container c = withLabels(Map.of());
        Predicate<Container> f = ContainerFilter.of(Map.of("health", List.of("healthy")), ContainerFilter.LIST_FILTERS,
                ref -> c, ref -> Optional.empty(), x -> "healthy");
        assertThat(f.test(c)).isTrue();
        Predicate<Container> none = ContainerFilter.of(Map.of("health", List.of("none")), ContainerFilter.LIST_FILTERS,
                ref -> c, ref -> Optional.empty(), x -> "healthy");
        assertThat(none.test(c)).isFalse();
    }

    private static Container withLabels(Map<String, String> labels) {
        ContainerConfig k = new ContainerConfig("", "", "", false, true, true, false, false, false, List.of(),
                List.of("true"), List.of(), "busybox", "", labels, "", -1, List.of(), List.of(),
                ImageConfig.Healthcheck.NONE);
        return new Container("c".repeat(64), "/c1", 1, "sha256:" + "0".repeat(64), "true", List.of(), k,
                HostOptions.defaults(), ContainerState.created());
    }
}
