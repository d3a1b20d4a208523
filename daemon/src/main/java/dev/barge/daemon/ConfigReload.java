package dev.barge.daemon;

import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import sun.misc.Signal;

/**
 * SIGHUP, as dockerd: re-reads daemon.json (with the same flags), applies what can change while
 * running (the log level, for now) and publishes a {@code daemon reload} event. A bad file is
 * logged and the running configuration kept.
 */
final class ConfigReload {
    private static final System.Logger LOG = System.getLogger(ConfigReload.class.getName());

    private ConfigReload() {}

    static void install(Supplier<DaemonConfig> reread, EventBus events, String engineId, String hostname) {
        Signal.handle(new Signal("HUP"), sig -> Thread.ofVirtual().name("reload").start(() -> {
            DaemonConfig config;
            try {
                config = reread.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Error reloading configuration: " + e.getMessage());
                return;
            }
            Logging.configure(config.effectiveLogLevel());
            LOG.log(System.Logger.Level.INFO, "Reloaded configuration from " + config.configFile());
            events.publish(Event.now("daemon", "reload", engineId, attributes(config, hostname)));
        }));
    }

    /** The attributes dockerd's reload event carries, for the settings barged has. */
    static Map<String, String> attributes(DaemonConfig c, String hostname) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("debug", Boolean.toString(c.debug()));
        a.put("default-runtime", c.defaultRuntime());
        a.put("insecure-registries", "[" + String.join(", ", c.insecureRegistries()) + "]");
        a.put("labels", "[" + String.join(", ", c.labels()) + "]");
        a.put("live-restore", Boolean.toString(c.liveRestore()));
        a.put("name", hostname);
        a.put("registry-mirrors", "[" + String.join(", ", c.registryMirrors()) + "]");
        a.put("runtimes", String.join(", ", c.runtimes().keySet()));
        return a;
    }
}
