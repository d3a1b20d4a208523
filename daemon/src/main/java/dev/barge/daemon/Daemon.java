package dev.barge.daemon;

import dev.barge.api.DaemonInfo;
import dev.barge.api.EngineApi;
import dev.barge.api.EngineFacts;
import dev.barge.api.system.SystemRoutes;
import dev.barge.core.event.EventBus;
import dev.barge.http.HttpServer;
import dev.barge.http.ListenAddress;
import dev.barge.http.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The composition root: takes the data-root lock, writes the pidfile, builds the services and
 * the API, and listens. {@link #close} undoes all of it in reverse order.
 */
public final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    private final DaemonLock lock;
    private final PidFile pidFile;
    private final HttpServer server;
    private final ShutdownSignal shutdown;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final Services services;

    private Daemon(ShutdownSignal shutdown, DaemonLock lock, PidFile pidFile, Services services, HttpServer server) {
        this.shutdown = shutdown;
        this.services = services;
        this.lock = lock;
        this.pidFile = pidFile;
        this.server = server;
    }

    public static Daemon start(DaemonConfig config) throws IOException {
        return start(config, () -> config);
    }

    /** Starts; {@code reread} gives the configuration again from its sources on SIGHUP. */
    public static Daemon start(DaemonConfig config, Supplier<DaemonConfig> reread) throws IOException {
        long started = System.nanoTime();
        ShutdownSignal shutdown = ShutdownSignal.install();
        DaemonLock lock = DaemonLock.acquire(config.dataRoot());
        PidFile pidFile = null;
        Services services = null;
        try {
            Files.createDirectories(config.execRoot());
            pidFile = PidFile.write(config.pidfile());
            EventBus events = new EventBus();
            DaemonInfo info = HostProbe.probe(config, EngineId.load(config.dataRoot()));
            Router router = new Router();

            services = Services.start(config, events);
            services.register(router);
            EngineFacts facts = services.facts();

            SystemRoutes.register(router, info, facts, events, ToolProbe.forConfig(config, info.runtimes()));
            HttpServer server = HttpServer.start(listenAddresses(config), new EngineApi(router));
            Daemon daemon = new Daemon(shutdown, lock, pidFile, services, server);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(daemon::close));
            ConfigReload.install(reread, events, info.id(), info.name());
            for (String host : config.hosts()) {
                LOG.log(System.Logger.Level.INFO, "API listen on " + host.replaceFirst("^unix://", ""));
            }
            LOG.log(System.Logger.Level.INFO, "Daemon has completed initialization (" + (System.nanoTime() - started) / 1_000_000
                    + " ms; data root " + config.dataRoot() + ")");
            return daemon;
        } catch (IOException | RuntimeException e) {
            if (services != null) {
                services.close();
            }
            if (pidFile != null) {
                pidFile.close();
            }
            lock.close();
            throw e;
        }
    }

    private static List<ListenAddress> listenAddresses(DaemonConfig config) {
        String group = socketGroup(config.group());
        List<ListenAddress> out = new ArrayList<>();
        for (String host : config.hosts()) {
            ListenAddress address = Hosts.parse(host, config, group);
            if (address instanceof ListenAddress.Tcp tcp) {
                LOG.log(System.Logger.Level.WARNING, "Binding to " + tcp.host() + ":" + tcp.port() + " without TLS: "
                        + "anyone who can reach it has root on this host. Use --tlsverify.");
            }
            out.add(address);
        }
        return out;
    }

    /** The configured group, which must exist; by default {@code barge} when it exists, else root. */
    private static String socketGroup(String configured) {
        var lookup = java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
        String wanted = configured.isEmpty() ? "barge" : configured;
        try {
            lookup.lookupPrincipalByGroupName(wanted);
            return wanted;
        } catch (UserPrincipalNotFoundException e) {
            if (!configured.isEmpty()) {
                throw new ConfigError("can't create unix socket: group " + configured + " not found");
            }
            return "root";
        } catch (IOException e) {
            return "root";
        }
    }

    public void awaitShutdownSignal() throws InterruptedException {
        shutdown.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        services.close();
        try {
            pidFile.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove pidfile: " + e.getMessage());
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot release the data-root lock: " + e.getMessage());
        }
        LOG.log(System.Logger.Level.INFO, "Daemon shutdown complete");
    }
}
