package dev.barge.api;

import dev.barge.container.ContainerService;
import dev.barge.container.ExecInfo;
import dev.barge.container.ExecRequest;
import dev.barge.core.BargeException;
import dev.barge.engineapi.ExecConfig;
import dev.barge.engineapi.ExecCreateResponse;
import dev.barge.engineapi.ExecInspect;
import dev.barge.engineapi.ExecStartConfig;
import dev.barge.http.Exchange;
import dev.barge.http.Hijacked;
import dev.barge.http.Router;
import dev.barge.runtime.ExecSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code docker exec}: {@code POST /containers/{id}/exec} and the {@code /exec} routes. */
public final class ExecRoutes {
    /** The CLI inspects the exec as soon as the stream ends: give its exit code time to land. */
    private static final long EXIT_RECORD_WAIT_MILLIS = 10_000;
    private final ContainerService containers;

    public ExecRoutes(ContainerService containers) {
        this.containers = containers;
    }

    public void register(Router router) {
        router.post("/containers/{id}/exec", this::create);
        router.post("/exec/{id}/start", this::start);
        router.post("/exec/{id}/resize", this::resize);
        router.get("/exec/{id}/json", this::inspect);
    }

    private void create(Exchange ex) throws IOException {
        ExecConfig c = RequestJson.parse(ex.body().readAllBytes(), ExecConfig.class);
        if (c == null) {
            throw BargeException.invalid("No exec command specified");
        }
        if (c.detachKeys() != null && !c.detachKeys().isEmpty()) {
            DetachKeys.parse(c.detachKeys());
        }
        ExecRequest request = new ExecRequest(CreateTranslator.list(c.cmd()), CreateTranslator.list(c.env()),
                CreateTranslator.str(c.workingDir()), CreateTranslator.str(c.user()), c.tty(), c.attachStdin(),
                c.attachStdout(), c.attachStderr(), c.privileged(), CreateTranslator.str(c.detachKeys()));
        String id = containers.execCreate(ex.pathParam("id"), request);
        ContainerRoutes.json(ex, 201, new ExecCreateResponse(id));
    }

    private void start(Exchange ex) throws IOException, InterruptedException {
        String id = ex.pathParam("id");
        byte[] body = ex.body().readAllBytes();
        ExecStartConfig config = body.length == 0 ? new ExecStartConfig(false, false, null)
                : RequestJson.parse(body, ExecStartConfig.class);
        ExecInfo info = containers.execCheckStartable(id);
        if (config.detach()) {
            containers.execStart(id, true);
            ex.respond(200, null, new byte[0]);
            return;
        }
        ExecRequest r = info.request();
        boolean tty = r.tty();
        // as dockerd: the start request's Tty decides the framing, not the exec's own (a tty exec
        // started with Tty false, as docker-py does by default, comes multiplexed as stdout)
        boolean raw = config.tty();
        try (Hijacked h = ex.hijack(HijackContentType.of(ex, raw))) {
            StreamFrames frames = new StreamFrames(h.output(), raw);
            Optional<ExecSession> session;
            try {
                session = containers.execStart(id, false);
            } catch (BargeException e) {
                StdioBridge.writeError(frames, e.getMessage());
                return;
            }
            if (session.isEmpty()) {
                return;
            }
            List<Integer> size = config.consoleSize();
            if (tty && size != null && size.size() == 2 && size.get(0) > 0 && size.get(1) > 0) {
                session.get().resize(size.get(0), size.get(1)); // API 1.42+: the initial size comes with start
            }
            DetachKeys keys = DetachKeys.parse(r.detachKeys());
            boolean detached = StdioBridge.run(session.get(), h.input(), frames,
                    new StdioBridge.Options(r.attachStdin(), r.attachStdout(), r.attachStderr(), true, keys));
            if (!detached) {
                // the CLI inspects the exec as soon as the stream ends: let the exit code land first
                containers.execAwaitExit(id, EXIT_RECORD_WAIT_MILLIS);
            }
        }
    }

    private void resize(Exchange ex) {
        int h = ContainerRoutes.intParam(ex, "h").orElse(0);
        int w = ContainerRoutes.intParam(ex, "w").orElse(0);
        containers.execResize(ex.pathParam("id"), h, w);
        ex.respond(200, null, new byte[0]);
    }

    private void inspect(Exchange ex) {
        ExecInfo i = containers.execInspect(ex.pathParam("id"));
        ExecRequest r = i.request();
        List<String> cmd = r.cmd();
        ContainerRoutes.json(ex, 200, new ExecInspect(!i.running(), i.containerId(), r.detachKeys(),
                i.exited() ? i.exitCode() : null, i.id(), r.attachStderr(), r.attachStdin(), r.attachStdout(),
                new ExecInspect.ProcessConfig(cmd.subList(1, cmd.size()), cmd.getFirst(), r.privileged(), r.tty(),
                        r.user()),
                i.running(), i.pid()));
    }
}
