package dev.barge.client;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Engine API call: method, unversioned path with query, headers and body. The client adds the
 * negotiated /vX.Y prefix. Immutable: each with* returns a copy.
 */
public record Request(String method, String path, Map<String, String> headers, Body body) {
    /** What follows the head: nothing, bytes of known length, or a stream sent chunked. */
    public sealed interface Body {
        record None() implements Body {}

        record Bytes(byte[] data, String contentType) implements Body {}

        record Stream(InputStream in, String contentType) implements Body {}
    }

    public Request {
        headers = Map.copyOf(headers);
    }

    public static Request get(String path) {
        return new Request("GET", path, Map.of(), new Body.None());
    }

    public static Request post(String path) {
        return new Request("POST", path, Map.of(), new Body.None());
    }

    public static Request delete(String path) {
        return new Request("DELETE", path, Map.of(), new Body.None());
    }

    public static Request put(String path) {
        return new Request("PUT", path, Map.of(), new Body.None());
    }

    public static Request head(String path) {
        return new Request("HEAD", path, Map.of(), new Body.None());
    }

    /** Appends ?name=value (URL-encoded); call once per value for repeated parameters. */
    public Request query(String name, String value) {
        String sep = path.contains("?") ? "&" : "?";
        // form encoding, spaces as '+', as Go's url.Values.Encode
        return new Request(method, path + sep + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8), headers, body);
    }

    /** Appends the parameter only when the flag is set, as "1" or "true". */
    public Request query(String name, boolean flag) {
        return flag ? query(name, "1") : this;
    }

    public Request header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Request(method, path, h, body);
    }

    public Request json(Object value) {
        return new Request(method, path, headers, new Body.Bytes(JsonCodec.bytes(value), "application/json"));
    }

    public Request stream(InputStream in, String contentType) {
        return new Request(method, path, headers, new Body.Stream(in, contentType));
    }

    /** Path segments such as names and IDs: a name may hold '/' only in image references, kept as Docker does. */
    public static String segment(String s) {
        return encode(s).replace("%2F", "/").replace("%3A", ":");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
