package dev.barge.cli;

import dev.barge.client.JsonCodec;
import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

/**
 * docker build with the legacy builder (POST /build): the context made into a tar here, with
 * .dockerignore applied before sending, and the daemon's JSON stream printed as docker prints it.
 */
@Command(name = "build", description = "Build an image from a Dockerfile")
final class BuildCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "PATH | URL | -")
    String context;

    @Option(names = "--add-host", description = "Add a custom host-to-IP mapping (\"host:ip\")")
    List<String> addHost = new ArrayList<>();

    @Option(names = "--build-arg", description = "Set build-time variables")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--cache-from", type = "strings", description = "Images to consider as cache sources")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--cgroup-parent", description = "Set the parent cgroup for the \"RUN\" instructions during build")
    String cgroupParent;

    @Option(names = "--compress", description = "Compress the build context using gzip")
    boolean compress;

    @Option(names = "--cpu-period", description = "Limit the CPU CFS (Completely Fair Scheduler) period")
    long cpuPeriod;

    @Option(names = "--cpu-quota", description = "Limit the CPU CFS (Completely Fair Scheduler) quota")
    long cpuQuota;

    @Option(names = {"-c", "--cpu-shares"}, description = "CPU shares (relative weight)")
    long cpuShares;

    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)")
    String cpusetMems;

    @Option(names = "--disable-content-trust", description = "Skip image verification")
    boolean disableContentTrust = true;

    @Option(names = {"-f", "--file"}, description = "Name of the Dockerfile (Default is \"PATH/Dockerfile\")")
    String file;

    @Option(names = "--force-rm", description = "Always remove intermediate containers")
    boolean forceRm;

    @Option(names = "--iidfile", description = "Write the image ID to the file")
    String iidfile;

    @Option(names = "--isolation", description = "Container isolation technology")
    String isolation;

    @Option(names = "--label", description = "Set metadata for an image")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, type = "bytes", description = "Memory limit")
    String memory;

    @Option(names = "--memory-swap", type = "bytes", description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
    String memorySwap;

    @Option(names = "--network", description = "Set the networking mode for the RUN instructions during build")
    String network = "default";

    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;

    @Option(names = "--platform", description = "Set platform if server is multi-platform capable")
    String platform;

    @Option(names = "--pull", description = "Always attempt to pull a newer version of the image")
    boolean pull;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the build output and print image ID on success")
    boolean quiet;

    @Option(names = "--rm", description = "Remove intermediate containers after a successful build")
    boolean rm = true;

    @Option(names = "--security-opt", type = "strings", description = "Security options")
    List<String> securityOpt = new ArrayList<>();

    @Option(names = "--shm-size", type = "bytes", description = "Size of \"/dev/shm\"")
    String shmSize;

    @Option(names = {"-t", "--tag"}, description = "Name and optionally a tag in the \"name:tag\" format")
    List<String> tags = new ArrayList<>();

    @Option(names = "--target", description = "Set the target build stage to build.")
    String target;

    @Option(names = "--ulimit", type = "ulimit", description = "Ulimit options (default [])")
    List<String> ulimits = new ArrayList<>();

    @Override
    String notice(Map<String, String> env) {
        return legacyNotice(env);
    }

    @Override
    int run() throws Exception {
        String buildkit = cli.env.getOrDefault("DOCKER_BUILDKIT", "");
        boolean disabled = !buildkit.isEmpty() && isFalse(buildkit);
        if (!buildkit.isEmpty() && !disabled) {
            throw new StatusException(1, "ERROR: BuildKit is enabled but the buildx component is missing or broken.\n"
                    + "       Install the buildx component to build images with BuildKit:\n"
                    + "       https://docs.docker.com/go/buildx/");
        }
        for (String t : tags) checkTag(t);
        if (iidfile != null) Files.deleteIfExists(Path.of(iidfile));
        boolean fromStdin = context.equals("-");
        if (fromStdin && "-".equals(file)) {
            throw new StatusException(1, "invalid argument: can't use stdin for both build context and dockerfile");
        }
        Path archive = Files.createTempFile("barge-build", ".tar");
        try {
            String dockerfile = prepareContext(archive);
            if (compress && remote.isEmpty()) gzip(archive);
            return send(archive, dockerfile);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    /** What docker prints before its help and builder commands when DOCKER_BUILDKIT is not set. */
    static String legacyNotice(Map<String, String> env) {
        String buildkit = env.getOrDefault("DOCKER_BUILDKIT", "");
        if (!buildkit.isEmpty() && !isFalse(buildkit)) return ""; // BuildKit asked for: an error follows instead
        return deprecation(!buildkit.isEmpty() && isFalse(buildkit)) + "\n";
    }

    static String deprecation(boolean disabled) {
        String head = "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n";
        return disabled ? head + "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n"
                + "            environment-variable.\n"
                : head + "            Install the buildx component to build images with BuildKit:\n"
                + "            https://docs.docker.com/go/buildx/\n";
    }

    private static boolean isFalse(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "0", "f", "false" -> true;
            default -> false;
        };
    }

    /** Writes the context tar into archive; returns the dockerfile parameter (empty: the daemon's default). */
    private String prepareContext(Path archive) throws IOException {
        if (context.startsWith("http://") || context.startsWith("https://") || context.startsWith("git@")
                || context.startsWith("git://") || context.startsWith("github.com/")) {
            remote = context;
            Files.write(archive, new byte[0]);
            return file == null ? "" : file;
        }
        if (context.equals("-")) return stdinContext(archive);
        Path dir = Path.of(context);
        if (!Files.exists(dir)) throw new StatusException(1, "unable to prepare context: path \"" + context + "\" not found");
        if (!Files.isDirectory(dir)) {
            throw new StatusException(1, "unable to prepare context: context must be a directory: " + dir.toAbsolutePath());
        }
        Path absContext = dir.toAbsolutePath().normalize();
        Map<String, byte[]> extra = new LinkedHashMap<>();
        String relDockerfile;
        boolean dockerfileFromStdin = "-".equals(file);
        if (dockerfileFromStdin) {
            relDockerfile = ".dockerfile." + randomHex();
            extra.put(relDockerfile, cli.in.readAllBytes());
        } else {
            Path df = file == null ? absContext.resolve("Dockerfile") : Path.of(file).toAbsolutePath().normalize();
            if (file == null && !Files.exists(df) && Files.exists(absContext.resolve("dockerfile"))) {
                df = absContext.resolve("dockerfile");
            }
            if (!Files.exists(df, LinkOption.NOFOLLOW_LINKS)) {
                throw new StatusException(1, "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat "
                        + df + ": no such file or directory");
            }
            if (df.startsWith(absContext)) {
                relDockerfile = absContext.relativize(df).toString();
            } else {
                // outside the context: sent beside it under a name of its own
                relDockerfile = ".dockerfile." + randomHex();
                extra.put(relDockerfile, Files.readAllBytes(df));
            }
        }
        List<String> patterns = new ArrayList<>();
        Path ignoreFile = absContext.resolve(".dockerignore");
        if (Files.isRegularFile(ignoreFile)) patterns.addAll(DockerIgnore.parse(Files.readString(ignoreFile)));
        // build.TrimBuildFilesFromExcludes: the Dockerfile and .dockerignore are always sent
        DockerIgnore probe = DockerIgnore.of(patterns);
        if (probe.excludes(".dockerignore")) patterns.add("!.dockerignore");
        if (!dockerfileFromStdin && extra.isEmpty() && probe.excludes(relDockerfile)) patterns.add("!" + relDockerfile);
        DockerIgnore ignore = DockerIgnore.of(patterns);
        boolean exceptions = ignore.hasExceptions();
        TarFiles.Filter filter = new TarFiles.Filter() {
            @Override
            public boolean excludes(String relative) {
                return ignore.excludes(relative);
            }

            @Override
            public boolean mayIncludeUnder(String relative) {
                return exceptions;
            }
        };
        try (OutputStream out = Files.newOutputStream(archive)) {
            TarFiles.write(absContext, "", false, filter, extra, out);
        }
        return relDockerfile;
    }

    /** "-": a tar (maybe compressed) sent as is, or a Dockerfile alone. */
    private String stdinContext(Path archive) throws IOException {
        BufferedInputStream in = new BufferedInputStream(cli.in, 1 << 16);
        in.mark(1024);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (isArchive(head)) {
            Files.copy(in, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file == null ? "" : file;
        }
        byte[] dockerfile = in.readAllBytes();
        try (OutputStream out = Files.newOutputStream(archive)) {
            TarFiles.write(null, "", false, TarFiles.Filter.NONE, Map.of("Dockerfile", dockerfile), out);
        }
        return "Dockerfile";
    }

    private static boolean isArchive(byte[] h) {
        if (h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) return true; // gzip
        if (h.length >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') return true; // bzip2
        if (h.length >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X') return true; // xz
        if (h.length >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5) return true; // zstd
        return h.length >= 262 && new String(h, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
    }

    private String remote = "";

    private int send(Path archive, String dockerfile) throws IOException {
        Request r = Request.post("/build");
        for (String t : tags) r = r.query("t", t);
        for (String s : securityOpt) r = r.query("securityopt", s);
        for (String h : addHost) r = r.query("extrahosts", h);
        if (quiet) r = r.query("q", "1");
        if (!remote.isEmpty()) r = r.query("remote", remote);
        if (noCache) r = r.query("nocache", "1");
        r = r.query("rm", rm ? "1" : "0");
        if (forceRm) r = r.query("forcerm", "1");
        if (pull) r = r.query("pull", "1");
        if (isolation != null && !isolation.isEmpty() && !isolation.equals("default")) r = r.query("isolation", isolation);
        r = r.query("cpusetcpus", cpusetCpus == null ? "" : cpusetCpus).query("networkmode", network)
                .query("cpusetmems", cpusetMems == null ? "" : cpusetMems).query("cpushares", Long.toString(cpuShares))
                .query("cpuquota", Long.toString(cpuQuota)).query("cpuperiod", Long.toString(cpuPeriod))
                .query("memory", Long.toString(memory == null ? 0 : ContainerOptions.ramInBytes(memory, "memory")))
                .query("memswap", Long.toString(memorySwap == null ? 0 : memorySwap.equals("-1") ? -1
                        : ContainerOptions.ramInBytes(memorySwap, "memory-swap")))
                .query("cgroupparent", cgroupParent == null ? "" : cgroupParent)
                .query("shmsize", Long.toString(shmSize == null ? 0 : ContainerOptions.ramInBytes(shmSize, "shm-size")))
                .query("dockerfile", dockerfile).query("target", target == null ? "" : target)
                .query("ulimits", ulimitsJson())
                .query("buildargs", json(buildArgsMap())).query("labels", json(labelMap()))
                .query("cachefrom", json(cacheFrom));
        if (platform != null && !platform.isEmpty()) r = r.query("platform", platform.toLowerCase(Locale.ROOT));
        else if (cli.env.containsKey("DOCKER_DEFAULT_PLATFORM")) r = r.query("platform", cli.env.get("DOCKER_DEFAULT_PLATFORM").toLowerCase(Locale.ROOT));
        r = r.query("version", "1").header("X-Registry-Config", registryConfig());
        long size = Files.size(archive);
        // -q keeps the output aside: docker shows it on stderr only if the build fails
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        PrintStream out = quiet ? new PrintStream(kept, true, StandardCharsets.UTF_8) : cli.out;
        if (remote.isEmpty()) {
            // the progress writer's last update, as it ends up in a file or pipe
            out.print("Sending build context to Docker daemon " + pad8(Units.humanSize(size)) + "\r\r\n");
            out.flush();
        }
        String[] imageId = {""};
        try (InputStream body = remote.isEmpty() ? Files.newInputStream(archive) : InputStream.nullInputStream();
             Response response = cli.client().call(remote.isEmpty() ? r.stream(body, "application/x-tar") : r)) {
            JsonMessages.display(response, out, !quiet && cli.stdoutIsTerminal(), aux -> {
                if (aux.hasNonNull("ID")) imageId[0] = aux.get("ID").asText();
            });
        } catch (JsonMessages.StreamError e) {
            if (quiet) {
                cli.err.write(kept.toByteArray());
                cli.err.flush();
            }
            throw new StatusException(e.code() == 0 ? 1 : e.code(), e.getMessage());
        }
        if (quiet) cli.out.println(imageId[0]);
        if (iidfile != null && !imageId[0].isEmpty()) Files.writeString(Path.of(iidfile), imageId[0] + "\n");
        return 0;
    }

    /** --compress: the context goes gzipped (the size docker reports is the compressed one). */
    private static void gzip(Path archive) throws IOException {
        Path gz = archive.resolveSibling(archive.getFileName() + ".gz");
        try (InputStream in = Files.newInputStream(archive);
             OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            in.transferTo(out);
        }
        Files.move(gz, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pad8(String s) {
        return s.length() >= 8 ? s : " ".repeat(8 - s.length()) + s;
    }

    /** --build-arg KEY=value, or KEY taken from the environment, or KEY alone sent as null. */
    private Map<String, String> buildArgsMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            if (eq >= 0) m.put(a.substring(0, eq), a.substring(eq + 1));
            else m.put(a, cli.env.get(a));
        }
        return m;
    }

    private Map<String, String> labelMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            m.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        return m;
    }

    private String ulimitsJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String u : ulimits) {
            int eq = u.indexOf('=');
            if (eq < 0) throw new UsageException("invalid argument \"" + u + "\" for \"--ulimit\" flag: invalid ulimit argument: " + u);
            String[] limits = u.substring(eq + 1).split(":");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Name", u.substring(0, eq));
            m.put("Hard", Long.parseLong(limits[limits.length - 1]));
            m.put("Soft", Long.parseLong(limits[0]));
            list.add(m);
        }
        return list.isEmpty() ? "null" : json(list);
    }

    private static String json(Object o) {
        return new String(JsonCodec.bytes(o), StandardCharsets.UTF_8);
    }

    /** X-Registry-Config: every stored credential, so FROM can pull from private registries. */
    private String registryConfig() {
        RegistryAuth store = RegistryAuth.load(cli);
        Map<String, Object> all = new LinkedHashMap<>();
        for (String server : store.servers()) {
            store.find(server).ifPresent(c -> {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("username", c.username());
                m.put("password", c.password());
                m.put("serveraddress", server);
                all.put(server, m);
            });
        }
        return Base64.getUrlEncoder().encodeToString(JsonCodec.bytes(all));
    }

    /** -t is checked as the flag is parsed: a usage error, status 125. */
    private static void checkTag(String tag) {
        try {
            References.check(tag);
        } catch (StatusException e) {
            throw new UsageException("invalid argument \"" + tag + "\" for \"-t, --tag\" flag: " + e.getMessage());
        }
    }

    private static String randomHex() {
        byte[] b = new byte[10];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
