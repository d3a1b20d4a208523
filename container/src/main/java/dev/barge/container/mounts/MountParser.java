package dev.barge.container.mounts;

import dev.barge.core.BargeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code -v} specifications and {@code --mount} requests checked with Docker's rules and words.
 * Propagation other than private cannot work here ({@code /} is a private mount), so it is refused
 * plainly instead of failing inside the runtime.
 */
public final class MountParser {
    private static final Set<String> PRIVATE = Set.of("", "private", "rprivate");
    private static final Set<String> PROPAGATION = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

    private MountParser() {}

    /** {@code -v [source:]destination[:mode]}: a source starting with {@code /} is a bind, else a volume name. */
    public static MountRequest parseBind(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length > 3) {
            throw BargeException.invalid("invalid spec: %s: too many colons", spec);
        }
        if (parts.length == 1) {
            return check(spec, new MountRequest(MountRequest.Type.VOLUME, "", parts[0], false, "", true, false, "",
                    0, 0, Map.of(), Map.of()));
        }
        String source = parts[0];
        String target = parts[1];
        String mode = parts.length == 3 ? parts[2] : "";
        if (source.isEmpty()) {
            throw BargeException.invalid("invalid spec: %s: empty section between colons", spec);
        }
        boolean ro = false;
        boolean noCopy = false;
        String propagation = "";
        for (String word : mode.split(",")) {
            switch (word) {
                case "ro" -> ro = true;
                case "rw", "z", "Z", "" -> { }
                case "nocopy" -> noCopy = true;
                default -> {
                    if (!PROPAGATION.contains(word)) {
                        throw BargeException.invalid("invalid mode: %s", mode);
                    }
                    propagation = word;
                }
            }
        }
        MountRequest.Type type = source.startsWith("/") ? MountRequest.Type.BIND : MountRequest.Type.VOLUME;
        return check(spec, new MountRequest(type, source, target, ro, mode, true, noCopy, propagation, 0, 0,
                Map.of(), Map.of()));
    }

    /** Checks a {@code --mount} request (or a parsed {@code -v}); returns it unchanged. */
    public static MountRequest check(MountRequest m) {
        return check("", m);
    }

    private static MountRequest check(String spec, MountRequest m) {
        String type = m.type().word();
        if (m.target().isEmpty()) {
            throw bad(spec, type, "field Target must not be empty");
        }
        if (!m.target().startsWith("/")) {
            throw bad(spec, type, "invalid mount path: '" + m.target() + "' mount path must be absolute");
        }
        if (Path.of(m.target()).normalize().toString().equals("/")) {
            throw BargeException.invalid("invalid specification: destination can't be '/'");
        }
        switch (m.type()) {
            case BIND -> checkBind(spec, m);
            case VOLUME -> {
                if (!m.propagation().isEmpty() && !m.fromBindFlag()) {
                    throw bad(spec, type, "BindOptions must not be specified");
                }
            }
            case TMPFS -> {
                if (!m.source().isEmpty()) {
                    throw bad(spec, type, "field Source must not be specified");
                }
                if (m.tmpfsSize() < 0) {
                    throw bad(spec, type, "invalid tmpfs size: " + m.tmpfsSize());
                }
            }
        }
        return m;
    }

    private static void checkBind(String spec, MountRequest m) {
        if (m.source().isEmpty()) {
            throw bad(spec, "bind", "field Source must not be empty");
        }
        if (!m.source().startsWith("/")) {
            throw bad(spec, "bind", "invalid mount path: '" + m.source() + "' mount path must be absolute");
        }
        if (!PRIVATE.contains(m.propagation())) {
            throw BargeException.invalid("bind propagation \"%s\" is not supported: / is a private mount on this host, "
                    + "so shared or slave propagation cannot work; use rprivate", m.propagation());
        }
        if (!m.fromBindFlag() && !Files.exists(Path.of(m.source()))) {
            throw bad(spec, "bind", "bind source path does not exist: " + m.source());
        }
        if (m.noCopy()) {
            throw bad(spec, "bind", "nocopy is not valid for a bind mount");
        }
    }

    private static BargeException bad(String spec, String type, String why) {
        String inner = "invalid mount config for type \"" + type + "\": " + why;
        return spec.isEmpty() ? BargeException.invalid("%s", inner)
                : BargeException.invalid("invalid volume specification: '%s': %s", spec, inner);
    }
}
