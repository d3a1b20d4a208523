package dev.barge.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Converts a Docker/containers-common seccomp profile into the OCI {@code linux.seccomp} shape:
 * architectures from {@code archMap} for this machine, and only the rules whose
 * {@code includes}/{@code excludes} (capabilities, architectures, minimum kernel) match the
 * container, as moby and podman filter them.
 */
public final class SeccompProfile {
    private SeccompProfile() {}

    /**
     * @param profileJson the profile file's text
     * @param caps        the container's bounding capabilities
     * @param goArch      the machine in Go's words ({@code amd64}, {@code arm64})
     * @param kernel      the running kernel's release ({@code 6.1.0-18-amd64})
     */
    public static JsonNode convert(String profileJson, List<String> caps, String goArch, String kernel) {
        JsonNode profile = Json.parse(profileJson.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("defaultAction", profile.path("defaultAction").asText("SCMP_ACT_ALLOW"));
        if (profile.has("defaultErrnoRet")) result.set("defaultErrnoRet", profile.get("defaultErrnoRet"));
        result.set("architectures", architectures(profile, goArch));
        if (profile.has("flags")) result.set("flags", profile.get("flags"));
        ArrayNode syscalls = result.putArray("syscalls");
        for (JsonNode rule : profile.path("syscalls")) {
            if (!applies(rule.path("includes"), rule.path("excludes"), caps, goArch, kernel)) continue;
            ObjectNode converted = Json.mapper().createObjectNode();
            converted.set("names", rule.has("names") ? rule.get("names") : Json.mapper().createArrayNode().add(rule.path("name").asText()));
            converted.set("action", rule.get("action"));
            if (rule.hasNonNull("errnoRet")) converted.set("errnoRet", rule.get("errnoRet"));
            if (rule.path("args").isArray() && !rule.path("args").isEmpty()) converted.set("args", rule.get("args"));
            syscalls.add(converted);
        }
        return result;
    }

    private static ArrayNode architectures(JsonNode profile, String goArch) {
        ArrayNode arches = Json.mapper().createArrayNode();
        if (profile.has("architectures")) return (ArrayNode) profile.get("architectures");
        String wanted = scmpArch(goArch);
        for (JsonNode entry : profile.path("archMap")) {
            if (entry.path("architecture").asText().equals(wanted)) {
                arches.add(wanted);
                entry.path("subArchitectures").forEach(arches::add);
            }
        }
        return arches;
    }

    static String scmpArch(String goArch) {
        return switch (goArch) {
            case "amd64" -> "SCMP_ARCH_X86_64";
            case "arm64" -> "SCMP_ARCH_AARCH64";
            case "386" -> "SCMP_ARCH_X86";
            case "ppc64le" -> "SCMP_ARCH_PPC64LE";
            case "s390x" -> "SCMP_ARCH_S390X";
            default -> "SCMP_ARCH_" + goArch.toUpperCase(java.util.Locale.ROOT);
        };
    }

    static boolean applies(JsonNode includes, JsonNode excludes, List<String> caps, String goArch, String kernel) {
        for (JsonNode cap : includes.path("caps")) if (!caps.contains(cap.asText())) return false;
        if (!includes.path("arches").isEmpty() && !contains(includes.path("arches"), goArch)) return false;
        if (includes.hasNonNull("minKernel") && compareKernel(kernel, includes.get("minKernel").asText()) < 0) return false;
        for (JsonNode cap : excludes.path("caps")) if (caps.contains(cap.asText())) return false;
        return !contains(excludes.path("arches"), goArch);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) if (element.asText().equals(value)) return true;
        return false;
    }

    /** Compares {@code major.minor} of two kernel releases. */
    static int compareKernel(String running, String minimum) {
        int[] a = majorMinor(running), b = majorMinor(minimum);
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }

    private static int[] majorMinor(String release) {
        String[] parts = release.split("[.-]");
        return new int[] {number(parts, 0), number(parts, 1)};
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) return 0;
        String digits = parts[index].replaceAll("\\D.*", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    /** The machine in Go's words, from the JVM's {@code os.arch}. */
    public static String goArch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386" -> "386";
            default -> System.getProperty("os.arch");
        };
    }
}
