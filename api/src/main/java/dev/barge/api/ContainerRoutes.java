package dev.barge.api;

import dev.barge.container.Container;
import dev.barge.container.ContainerDetails;
import dev.barge.container.ContainerService;
import dev.barge.container.HostOptions;
import dev.barge.container.ListOptions;
import dev.barge.container.LogOptions;
import dev.barge.container.NetworkRequest;
import dev.barge.container.PruneResult;
import dev.barge.container.RestartPolicy;
import dev.barge.container.Times;
import dev.barge.container.TopResult;
import dev.barge.container.UpdateRequest;
import dev.barge.container.WaitCondition;
import dev.barge.container.WaitResult;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.engineapi.ApiVersion;
import dev.barge.engineapi.ContainerCreateRequest;
import dev.barge.engineapi.ContainerCreateResponse;
import dev.barge.engineapi.ContainerPruneResponse;
import dev.barge.engineapi.ContainerSummary;
import dev.barge.engineapi.ContainerTopResponse;
import dev.barge.engineapi.ContainerUpdateRequest;
import dev.barge.engineapi.ContainerUpdateResponse;
import dev.barge.engineapi.ContainerWaitResponse;
import dev.barge.engineapi.NetworkSettings;
import dev.barge.http.Exchange;
import dev.barge.http.Hijacked;
import dev.barge.http.Router;
import dev.barge.network.NetworkAttachment;
import dev.barge.runtime.AttachSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The {@code /containers} routes of the Engine API. */
public final class ContainerRoutes {
    static final String JSON = "application/json";
    static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    static final String RAW = "application/vnd.docker.raw-stream";

    private final ContainerService containers;
    private final Function<String, Optional<NetworkAttachment>> attachments;

    public ContainerRoutes(ContainerService containers) {
        this(containers, id -> Optional.empty());
    }

    /** @param attachments a running container's networks by container ID, for inspect and list */
    public ContainerRoutes(ContainerService containers, Function<String, Optional<NetworkAttachment>> attachments) {
        this.containers = containers;
        this.attachments = attachments;
    }

    public void register(Router router) {
        router.post("/containers/create", this::create);
        router.get("/containers/json", this::list);
        router.post("/containers/prune", this::prune);
        router.get("/containers/{id}/json", this::inspect);
        router.get("/containers/{id}/logs", this::logs);
        router.get("/containers/{id}/top", this::top);
        new StatsRoutes(containers).register(router);
        router.post("/containers/{id}/start", ex -> noContent(ex, () -> containers.start(id(ex))));
        router.post("/containers/{id}/stop", ex -> noContent(ex, () -> containers.stop(id(ex), intParam(ex, "t"),
                ex.queryParam("signal"))));
        router.post("/containers/{id}/restart", ex -> noContent(ex, () -> containers.restart(id(ex),
                intParam(ex, "t"), ex.queryParam("signal"))));
        router.post("/containers/{id}/kill", ex -> noContent(ex, () -> containers.kill(id(ex),
                ex.queryParam("signal"))));
        router.post("/containers/{id}/pause", ex -> noContent(ex, () -> containers.pause(id(ex))));
        router.post("/containers/{id}/unpause", ex -> noContent(ex, () -> containers.unpause(id(ex))));
        router.post("/containers/{id}/rename", ex -> noContent(ex, () -> containers.rename(id(ex),
                ex.queryParam("name").orElseThrow(() -> BargeException.invalid("name is required")))));
        router.post("/containers/{id}/update", this::update);
        router.post("/containers/{id}/resize", this::resize);
        router.post("/containers/{id}/wait", this::await);
        router.post("/containers/{id}/attach", this::attach);
        router.delete("/containers/{id}", ex -> noContent(ex, () -> {
            if (ex.boolParam("link")) {
                containers.removeLink(id(ex));
            } else {
                containers.remove(id(ex), ex.boolParam("force"), ex.boolParam("v"));
            }
        }));
    }

    private static String id(Exchange ex) {
        return ex.pathParam("id");
    }

    private static void noContent(Exchange ex, Runnable action) {
        action.run();
        ex.respond(204, null, new byte[0]);
    }

    static void json(Exchange ex, int status, Object body) {
        ex.respond(status, JSON, Json.bytes(body));
    }

    static Optional<Integer> intParam(Exchange ex, String name) {
        Optional<String> v = ex.queryParam(name).filter(s -> !s.isEmpty());
        try {
            return v.map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw BargeException.invalid("strconv.Atoi: parsing \"%s\": invalid syntax", v.get());
        }
    }

    private void create(Exchange ex) throws IOException {
        ContainerCreateRequest body = RequestJson.parse(ex.body().readAllBytes(), ContainerCreateRequest.class);
        if (body == null) {
            throw BargeException.invalid("Config cannot be empty in order to create a container");
        }
        ex.queryParam("platform").filter(p -> !p.isEmpty() && !p.startsWith("linux")).ifPresent(p -> {
            throw BargeException.invalid("invalid platform: %s: only linux is supported", p);
        });
        Container c = containers.create(CreateTranslator.toDomain(ex.queryParam("name").orElse(""), body));
        json(ex, 201, new ContainerCreateResponse(c.id(), List.of()));
    }

    private void list(Exchange ex) {
        ListOptions options = new ListOptions(ex.boolParam("all"), intParam(ex, "limit").orElse(0),
                ex.boolParam("size"), filters(ex));
        long now = Times.nowNanos();
        List<ContainerSummary> rows = containers.list(options).stream()
                .map(c -> {
                    Optional<NetworkAttachment> a = attachments.apply(c.id());
                    ContainerSummary s = ContainerViews.summary(c, now, ContainerNetworkViews.summaryPorts(c, a),
                            ContainerNetworkViews.summaryNetworks(c, containers.networkRequest(c.id()), a),
                            containers.mounts(c.id()), containers.health(c.id()));
                    if (!options.size()) {
                        return s;
                    }
                    long[] sizes = containers.sizes(c.id());
                    return ContainerViews.withSizes(s, sizes[0], sizes[1]);
                }).toList();
        json(ex, 200, rows);
    }

    /** The request's filters; the container service checks the keys, as list and prune accept different ones. */
    private static Map<String, List<String>> filters(Exchange ex) {
        return ex.queryParam("filters").filter(s -> !s.isBlank()).map(Filters::parse).orElse(Filters.none()).asMap();
    }

    private void inspect(Exchange ex) {
        ContainerDetails d = containers.inspect(id(ex));
        Container c = d.container();
        NetworkRequest request = containers.networkRequest(c.id());
        NetworkSettings network = ContainerNetworkViews.settings(c, request, attachments.apply(c.id()));
        if (ApiContext.version().before(new ApiVersion(1, 45))) {
            network = ContainerNetworkViews.withLegacyAliases(network, c);
        }
        json(ex, 200, ContainerViews.inspect(d, network, containers.mounts(c.id()), containers.health(c.id()), request));
    }

    private void top(Exchange ex) {
        TopResult top = containers.top(id(ex), ex.queryParam("ps_args").orElse(""));
        json(ex, 200, new ContainerTopResponse(top.titles(), top.processes()));
    }

    private void prune(Exchange ex) {
        PruneResult r = containers.prune(filters(ex));
        json(ex, 200, new ContainerPruneResponse(r.deleted(), r.spaceReclaimed()));
    }

    private void update(Exchange ex) throws IOException {
        ContainerUpdateRequest body = RequestJson.parse(ex.body().readAllBytes(), ContainerUpdateRequest.class);
        Optional<RestartPolicy> policy = Optional.ofNullable(body.restartPolicy())
                .map(p -> RestartPolicy.of(p.name() == null ? "" : p.name(), p.maximumRetryCount()));
        Optional<HostOptions.Resources> resources = Optional.empty();
        // the CLI sends every resource field, zero meaning "leave as is" (as Docker reads it)
        if (given(body.memory()) || given(body.cpuShares()) || given(body.nanoCpus()) || given(body.cpuQuota())
                || given(body.cpuPeriod()) || given(body.pidsLimit()) || given(body.memorySwap())
                || (body.cpusetCpus() != null && !body.cpusetCpus().isEmpty())) {
            HostOptions.Resources old = containers.inspect(id(ex)).container().host().resources();
            resources = Optional.of(new HostOptions.Resources(or(body.memory(), old.memory()),
                    or(body.memorySwap(), old.memorySwap()), or(body.cpuShares(), old.cpuShares()),
                    or(body.cpuQuota(), old.cpuQuota()), or(body.cpuPeriod(), old.cpuPeriod()),
                    or(body.nanoCpus(), old.nanoCpus()), or(body.pidsLimit(), old.pidsLimit()),
                    body.cpusetCpus() == null || body.cpusetCpus().isEmpty() ? old.cpusetCpus() : body.cpusetCpus()));
        }
        List<String> warnings = containers.update(id(ex), new UpdateRequest(policy, resources));
        json(ex, 200, new ContainerUpdateResponse(warnings));
    }

    private static boolean given(Long value) {
        return value != null && value != 0;
    }

    private static long or(Long value, long old) {
        return given(value) ? value : old;
    }

    private void resize(Exchange ex) {
        int h = intParam(ex, "h").orElse(0);
        int w = intParam(ex, "w").orElse(0);
        containers.resize(id(ex), h, w);
        ex.respond(200, null, new byte[0]);
    }

    /**
     * Sends 200 and the headers at once (docker run waits BEFORE it starts the container), then
     * the JSON body when the condition is met.
     */
    private void await(Exchange ex) throws IOException, InterruptedException {
        WaitCondition condition = WaitCondition.parse(ex.queryParam("condition").orElse(""));
        CompletableFuture<WaitResult> result = containers.await(id(ex), condition);
        try (OutputStream out = ex.stream(200, JSON)) {
            out.flush();
            WaitResult r = awaitResult(ex, result);
            if (r == null) {
                return;
            }
            ContainerWaitResponse body = new ContainerWaitResponse(r.statusCode(),
                    r.error().isEmpty() ? null : new ContainerWaitResponse.WaitError(r.error()));
            out.write(Json.bytes(body));
            out.write('\n');
            out.flush();
        }
    }

    /** The result, or null when the client went away first. */
    private static WaitResult awaitResult(Exchange ex, CompletableFuture<WaitResult> result)
            throws InterruptedException {
        while (true) {
            try {
                return result.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (ex.clientGone()) {
                    result.cancel(false);
                    return null;
                }
            } catch (ExecutionException e) {
                return new WaitResult(-1, String.valueOf(e.getCause().getMessage()));
            }
        }
    }

    private void logs(Exchange ex) throws IOException, InterruptedException {
        ContainerDetails d = containers.inspect(id(ex));
        boolean stdout = ex.boolParam("stdout");
        boolean stderr = ex.boolParam("stderr");
        if (!stdout && !stderr) {
            throw BargeException.invalid("You must choose at least one stream");
        }
        if (d.container().host().logConfig().type().equals("none")) {
            throw BargeException.notImplemented("configured logging driver does not support reading");
        }
        long since = ex.queryParam("since").filter(s -> !s.isEmpty() && !s.equals("0"))
                .map(Times::parseTimestamp).orElse(0L);
        long until = ex.queryParam("until").filter(s -> !s.isEmpty() && !s.equals("0"))
                .map(Times::parseTimestamp).orElse(0L);
        String tailText = ex.queryParam("tail").orElse("all");
        int tail;
        try {
            tail = tailText.isEmpty() || tailText.equals("all") ? -1 : Integer.parseInt(tailText);
        } catch (NumberFormatException e) {
            tail = -1;
        }
        boolean timestamps = ex.boolParam("timestamps");
        LogOptions options = new LogOptions(stdout, stderr, ex.boolParam("follow"), timestamps, since, until, tail);
        boolean tty = d.container().config().tty();
        try (OutputStream out = ex.stream(200, tty ? RAW : MULTIPLEXED)) {
            out.flush();
            StreamFrames frames = new StreamFrames(out, tty);
            containers.logs(id(ex), options, entry -> {
                byte[] data = entry.data();
                if (timestamps) {
                    byte[] prefix = (Times.rfc3339NanoFixed(entry.timeNanos()) + " ").getBytes(StandardCharsets.UTF_8);
                    byte[] joined = new byte[prefix.length + data.length];
                    System.arraycopy(prefix, 0, joined, 0, prefix.length);
                    System.arraycopy(data, 0, joined, prefix.length, data.length);
                    data = joined;
                }
                frames.write(entry.stream(), data);
            }, ex::clientGone);
        }
    }

    /** Attach: validate, hijack, optionally replay logs, then bridge stdio until the output ends. */
    private void attach(Exchange ex) throws IOException, InterruptedException {
        ContainerDetails d = containers.inspect(id(ex));
        var config = d.container().config();
        DetachKeys keys = DetachKeys.parse(ex.queryParam("detachKeys").orElse(""));
        boolean stream = ex.boolParam("stream");
        boolean logs = ex.boolParam("logs");
        boolean stdin = ex.boolParam("stdin") && config.openStdin();
        boolean stdout = ex.boolParam("stdout");
        boolean stderr = ex.boolParam("stderr");
        CompletableFuture<AttachSession> session = stream ? containers.attach(id(ex))
                : CompletableFuture.failedFuture(new IllegalStateException("not streaming"));
        boolean tty = config.tty();
        try (Hijacked h = ex.hijack(HijackContentType.of(ex, tty))) {
            StreamFrames frames = new StreamFrames(h.output(), tty);
            if (logs) {
                replayLogs(ex, frames, stdout, stderr);
            }
            if (!stream) {
                return;
            }
            AttachSession s;
            try {
                s = awaitSession(ex, session);
            } catch (ExecutionException e) {
                StdioBridge.writeError(frames, String.valueOf(e.getCause().getMessage()));
                return;
            }
            if (s == null) {
                return;
            }
            StdioBridge.run(s, h.input(), frames,
                    new StdioBridge.Options(stdin, stdout, stderr, config.stdinOnce(), keys));
        } finally {
            session.cancel(false);
        }
    }

    /** The session once the container runs, or null when the client left before that. */
    private static AttachSession awaitSession(Exchange ex, CompletableFuture<AttachSession> session)
            throws ExecutionException, InterruptedException {
        while (true) {
            try {
                return session.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.CancellationException e) {
                return null; // the start failed (its caller got the error) or the container went away
            } catch (TimeoutException e) {
                if (ex.clientGone()) {
                    return null;
                }
            }
        }
    }

    private void replayLogs(Exchange ex, StreamFrames frames, boolean stdout, boolean stderr) {
        try {
            containers.logs(id(ex), new LogOptions(stdout, stderr, false, false, 0, 0, -1),
                    entry -> frames.write(entry.stream(), entry.data()));
        } catch (IOException e) {
            // client gone: the attach below will notice too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
