package dev.barge.runtime.oci;

import dev.barge.core.BargeException;
import dev.barge.runtime.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** The seccomp filter: the default profile, a given JSON profile, or none ({@code unconfined}, privileged). */
public final class SeccompOptions {
    private SeccompOptions() {}

    /** Must run after {@link SecurityOptions#withCapabilities}: rules depend on the capabilities. */
    public static SpecOption withSeccomp(RunSpec.Security security) {
        return (context, spec) -> {
            Optional<String> profile = security.seccompProfile();
            if (security.privileged() || profile.filter("unconfined"::equals).isPresent()) {
                spec.linux.seccomp = null;
                return;
            }
            String json = profile.filter(p -> !p.isBlank()).orElseGet(() -> defaultProfile(context));
            if (json.isEmpty()) return;
            var caps = spec.process.capabilities == null ? java.util.List.<String>of() : spec.process.capabilities.bounding;
            spec.linux.seccomp = SeccompProfile.convert(json, caps, SeccompProfile.goArch(), System.getProperty("os.version"));
        };
    }

    private static String defaultProfile(SpecContext context) {
        return context.host().seccompProfile().map(path -> {
            try {
                return Files.readString(path);
            } catch (IOException e) {
                throw BargeException.internal("cannot read seccomp profile " + path, e);
            }
        }).orElse("");
    }
}
