package dev.barge.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised image reference as Docker understands it: {@code busybox} is
 * {@code docker.io/library/busybox:latest}. Parse with {@link #parse}; the compact constructor
 * only accepts normalised parts.
 *
 * @param domain the registry host ({@code docker.io}, {@code localhost:5000})
 * @param path   the repository path ({@code library/busybox})
 * @param tag    the tag, or null when pinned by digest only
 * @param digest the manifest digest, or null
 */
public record ImageReference(String domain, String path, String tag, Digest digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?"
                    + "|\\[[a-fA-F0-9:]+\\](?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    public ImageReference {
        if (tag == null && digest == null) {
            throw BargeException.invalid("invalid reference format: %s/%s has neither tag nor digest", domain, path);
        }
    }

    /**
     * Parses a reference the way the Docker CLI and daemon do, adding {@code docker.io},
     * {@code library/} and {@code :latest} where they are implied.
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw BargeException.invalid("invalid reference format");
        }
        if (HEX64.matcher(text).matches()) {
            throw BargeException.invalid(
                    "invalid repository name (%s), cannot specify 64-byte hexadecimal strings", text);
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            if (!Digest.isDigest(d)) {
                throw BargeException.invalid("invalid reference format");
            }
            digest = Digest.parse(d);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw BargeException.invalid("invalid reference format");
            }
        }
        String domain = DEFAULT_DOMAIN;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase())) {
                domain = first;
                path = rest.substring(slash + 1);
            }
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw BargeException.invalid("invalid reference format");
        }
        if (domain.equals("index.docker.io")) {
            domain = DEFAULT_DOMAIN;
        }
        if (!path.equals(path.toLowerCase())) {
            throw BargeException.invalid("invalid reference format: repository name (%s) must be lowercase", path);
        }
        if (!PATH.matcher(path).matches() || domain.length() + path.length() + 1 > 255) {
            throw BargeException.invalid("invalid reference format");
        }
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return new ImageReference(domain, path, tag, digest);
    }

    /** True when {@code text} parses as a reference. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (BargeException e) {
            return false;
        }
    }

    /** {@code docker.io/library/busybox}. */
    public String repository() {
        return domain + "/" + path;
    }

    /** The repository as users write it: {@code busybox}, {@code localhost:5000/x}. */
    public String familiarRepository() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            return path.startsWith("library/") ? path.substring("library/".length()) : path;
        }
        return repository();
    }

    public Optional<String> tagOptional() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digestOptional() {
        return Optional.ofNullable(digest);
    }

    /** This reference with another tag and no digest. */
    public ImageReference withTag(String newTag) {
        if (!TAG.matcher(newTag).matches()) {
            throw BargeException.invalid("invalid tag format");
        }
        return new ImageReference(domain, path, newTag, null);
    }

    /** {@code busybox:latest}, {@code busybox@sha256:...}: the form Docker shows in RepoTags. */
    public String familiar() {
        return familiarRepository() + suffix();
    }

    private String suffix() {
        return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    @Override
    public String toString() {
        return repository() + suffix();
    }
}
