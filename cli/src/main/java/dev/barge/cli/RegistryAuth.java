package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.client.DockerConfig;
import dev.barge.client.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The "auths" of config.json as docker's file credential store keeps them (base64 "user:password"
 * per server), and the X-Registry-Auth header made from them. Other keys of the file are kept.
 */
final class RegistryAuth {
    static final String INDEX_SERVER = "https://index.docker.io/v1/";

    record Credentials(String username, String password, String serverAddress) {}

    private final Path file;
    private final ObjectNode root;

    private RegistryAuth(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    static RegistryAuth load(Cli cli) {
        Path file = DockerConfig.directory(cli.globals.configDir(), cli.env).resolve("config.json");
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                JsonNode n = JsonCodec.read(in);
                if (n instanceof ObjectNode o) root = o;
            } catch (IOException | RuntimeException e) {
                // an unreadable file is docker's empty config
            }
        }
        return new RegistryAuth(file, root);
    }

    /** The servers config.json holds credentials for, in file order. */
    java.util.List<String> servers() {
        java.util.List<String> list = new java.util.ArrayList<>();
        root.path("auths").fieldNames().forEachRemaining(list::add);
        return list;
    }

    Path file() {
        return file;
    }

    /** The stored credentials for a server: the key as given, else any key with the same host name. */
    Optional<Credentials> find(String server) {
        JsonNode auths = root.path("auths");
        JsonNode entry = auths.get(server);
        String key = server;
        if (entry == null) {
            String host = hostname(server);
            for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (hostname(k).equals(host)) {
                    entry = auths.get(k);
                    key = k;
                    break;
                }
            }
        }
        if (entry == null) return Optional.empty();
        String auth = entry.path("auth").asText("");
        if (auth.isEmpty()) return Optional.empty();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return Optional.empty();
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), key));
    }

    void store(Credentials c) throws IOException {
        ObjectNode auths = root.has("auths") && root.get("auths") instanceof ObjectNode o ? o : root.putObject("auths");
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("auth", Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
        auths.set(c.serverAddress(), entry);
        save();
    }

    /** Removes the entry; true when there was one. */
    boolean erase(String server) throws IOException {
        JsonNode auths = root.get("auths");
        if (!(auths instanceof ObjectNode o) || !o.has(server)) return false;
        o.remove(server);
        save();
        return true;
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder b = new StringBuilder();
        goIndent(root, "", b);
        Path tmp = Files.createTempFile(file.getParent(), "config.json", ".tmp");
        try {
            Files.writeString(tmp, b);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** json.MarshalIndent(v, "", "\t"): tabs, "key": value, {} and [] when empty. */
    static void goIndent(JsonNode n, String indent, StringBuilder b) {
        String inner = indent + "\t";
        if (n.isObject()) {
            if (n.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(inner).append(JsonNodeFactory.instance.textNode(e.getKey())).append(": ");
                goIndent(e.getValue(), inner, b);
                b.append(i < n.size() - 1 ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                b.append(inner);
                goIndent(n.get(i), inner, b);
                b.append(i < n.size() - 1 ? ",\n" : "\n");
            }
            b.append(indent).append(']');
        } else {
            b.append(n);
        }
    }

    /** registry.ConvertToHostname: no scheme, nothing after the first '/'. */
    static String hostname(String address) {
        String s = address;
        if (s.startsWith("http://")) s = s.substring(7);
        else if (s.startsWith("https://")) s = s.substring(8);
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }

    /** The config key of the registry an image lives on: Docker Hub's index URL or the host. */
    static String serverOf(String image) {
        String normalized = Containers.normalized(TagCommand.splitTag(image)[0]);
        String domain = normalized.substring(0, normalized.indexOf('/'));
        return domain.equals("docker.io") ? INDEX_SERVER : domain;
    }

    /** registry.EncodeAuthConfig: base64url JSON of the credentials (empty fields left out). */
    static String header(Optional<Credentials> credentials, String server) {
        Map<String, String> m = new LinkedHashMap<>();
        credentials.ifPresent(c -> {
            m.put("username", c.username());
            m.put("password", c.password());
        });
        m.put("serveraddress", credentials.map(Credentials::serverAddress).orElse(server));
        return Base64.getUrlEncoder().encodeToString(JsonCodec.bytes(m));
    }

    /** The header for pulling or pushing image, from what config.json holds. */
    static String headerFor(Cli cli, String image) {
        String server = serverOf(image);
        return header(load(cli).find(server), server);
    }
}
