package dev.barge.runtime.oci;

import java.util.ArrayList;
import java.util.List;

/** argv, environment, working directory and terminal of the container's process. */
public final class ProcessOptions {
    /** Docker's PATH when the image sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ProcessOptions() {}

    public static SpecOption withArgs(List<String> args) {
        return (context, spec) -> spec.process.args = new ArrayList<>(args);
    }

    /**
     * Docker's order: {@code PATH}, {@code HOSTNAME}, {@code TERM=xterm} for a TTY, then the
     * given entries replace same-named ones or append.
     */
    public static SpecOption withEnv(List<String> env, String hostname, boolean tty) {
        return (context, spec) -> {
            List<String> result = new ArrayList<>();
            result.add("PATH=" + DEFAULT_PATH);
            result.add("HOSTNAME=" + hostname);
            if (tty) result.add("TERM=xterm");
            for (String entry : env) replaceOrAppend(result, entry);
            spec.process.env = result;
        };
    }

    public static void replaceOrAppend(List<String> env, String entry) {
        String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=') + 1) : entry + "=";
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).startsWith(key)) {
                env.set(i, entry);
                return;
            }
        }
        env.add(entry);
    }

    /** An empty cwd means {@code /}, as in Docker. */
    public static SpecOption withCwd(String cwd) {
        return (context, spec) -> spec.process.cwd = cwd.isEmpty() ? "/" : cwd;
    }

    public static SpecOption withTerminal(boolean tty) {
        return (context, spec) -> spec.process.terminal = tty;
    }

    public static SpecOption withHostname(String hostname, String domainname) {
        return (context, spec) -> {
            spec.hostname = hostname;
            spec.domainname = domainname.isEmpty() ? null : domainname;
        };
    }

    public static SpecOption withNoNewPrivileges(boolean noNewPrivileges) {
        return (context, spec) -> spec.process.noNewPrivileges = noNewPrivileges;
    }

    /** Bind-mounts the init at {@code /sbin/docker-init} and runs {@code docker-init -- args}. */
    public static SpecOption withInit(boolean init) {
        return (context, spec) -> {
            if (!init || context.host().init().isEmpty()) return;
            String path = "/sbin/docker-init";
            spec.mounts.add(new Spec.Mount(path, "bind", context.host().init().get().toString(),
                    List.of("bind", "ro", "nosuid", "nodev", "rprivate")));
            List<String> args = new ArrayList<>(List.of(path, "--"));
            args.addAll(spec.process.args);
            spec.process.args = args;
        };
    }
}
