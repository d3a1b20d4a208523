package dev.barge.runtime.conmon;

import dev.barge.core.BargeException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The driver's directory tree, all on tmpfs (/run/barge/runtime): gone at reboot, like the
 * containers themselves.
 * <pre>
 * &lt;root&gt;/
 *   exits/&lt;id&gt;                      exit code, written by conmon when the process ends
 *   runc/, crun/                    each runtime's own state (--root)
 *   containers/&lt;id&gt;/               the OCI bundle and conmon's files
 *     config.json  rootfs/  runtime  conmon.pid  container.pid  container.log  conmon.err
 *     attach (SEQPACKET socket)  ctl, winsz (FIFOs)  sync (FIFO, during create)
 *     exec/&lt;exec-id&gt;/             one exec session: process.json, exits/&lt;id&gt;, attach, ctl, exec.log
 * </pre>
 */
record ExecRoot(Path root) {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    static String checkId(String id) {
        if (!SAFE_ID.matcher(id).matches()) throw BargeException.invalid("invalid container ID: %s", id);
        return id;
    }

    Path exitDir() {
        return root.resolve("exits");
    }

    Path exitFile(String id) {
        return exitDir().resolve(checkId(id));
    }

    Path runtimeState(String runtime) {
        return root.resolve(runtime);
    }

    Path bundle(String id) {
        return root.resolve("containers").resolve(checkId(id));
    }

    Path rootfs(String id) {
        return bundle(id).resolve("rootfs");
    }

    Path log(String id) {
        return bundle(id).resolve("container.log");
    }

    Path execDir(String id, String execId) {
        return bundle(id).resolve("exec").resolve(checkId(execId));
    }
}
