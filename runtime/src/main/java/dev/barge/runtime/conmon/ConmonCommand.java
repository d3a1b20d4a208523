package dev.barge.runtime.conmon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * conmon's command line, as podman's {@code sharedConmonArgs} builds it: API version 1,
 * {@code --full-attach} (the attach socket lives in the bundle; we reach it by a short
 * /proc/self/fd alias), a k8s-file log, an exit dir, and the runtime's {@code --root}.
 *
 * @param containerId the OCI container ID (also the exit file's name)
 * @param sessionId   the conmon UUID: the container ID, or an exec ID
 * @param exec        the exec process spec for {@code docker exec}, empty for the container itself
 */
record ConmonCommand(Path conmon, String containerId, String sessionId, Path runtime, Path runtimeRoot, Path bundle,
                     Path pidFile, Path conmonPidFile, Path logPath, Path exitDir, boolean stdin,
                     boolean leaveStdinOpen, boolean tty, long logSizeMax, Optional<Path> exec) {

    List<String> argv() {
        List<String> argv = new ArrayList<>(List.of(conmon.toString(), "--api-version", "1",
                "-c", containerId, "-u", sessionId, "-n", containerId,
                "-r", runtime.toString(), "-b", bundle.toString(),
                "-p", pidFile.toString(), "-P", conmonPidFile.toString(),
                "-l", "k8s-file:" + logPath, "--exit-dir", exitDir.toString(),
                "--full-attach", "--log-level", "warning",
                "--runtime-arg", "--root", "--runtime-arg", runtimeRoot.toString()));
        if (stdin) argv.add("-i");
        if (stdin && leaveStdinOpen) argv.add("--leave-stdin-open");
        if (tty) argv.add("-t");
        if (logSizeMax > 0) argv.addAll(List.of("--log-size-max", Long.toString(logSizeMax)));
        exec.ifPresent(spec -> argv.addAll(List.of("-e", "--exec-attach", "--exec-process-spec", spec.toString())));
        return argv;
    }
}
