package dev.barge.container;

import dev.barge.core.BargeException;
import java.util.Set;

/**
 * The log drivers a container may name, checked at create as moby's {@code ValidateLogOpts}. Logs
 * are always kept in barged's own files; {@code json-file} and {@code local} read them back,
 * {@code none} refuses to. Any other driver (syslog, fluentd...) would ship logs elsewhere, which
 * barged does not do, so it is refused as dockerd refuses an unknown one.
 */
final class LogDrivers {
    static final Set<String> REGISTERED = Set.of("json-file", "local", "none");

    private LogDrivers() {}

    static void check(HostOptions.LogConfig config) {
        if (config.type().equals("none")) {
            return;
        }
        String mode = config.config().getOrDefault("mode", "");
        if (!mode.isEmpty() && !mode.equals("blocking") && !mode.equals("non-blocking")) {
            throw BargeException.invalid("logger: logging mode not supported: %s", mode);
        }
        if (!REGISTERED.contains(config.type())) {
            throw BargeException.invalid("logger: no log driver named '%s' is registered", config.type());
        }
    }
}
