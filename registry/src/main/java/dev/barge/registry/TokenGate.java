package dev.barge.registry;

import dev.barge.distribution.ErrorCode;
import dev.barge.http.Exchange;
import dev.barge.http.ForwardingExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer-token admission: works out the scope a request needs (pull for reads, pull and push
 * for writes, delete for deletes, {@code registry:catalog:*} for the catalog), and lets it in
 * only with a valid token granting it. Otherwise 401 with the challenge that tells the client
 * where to get a token for that scope, as the CNCF distribution server answers.
 */
final class TokenGate {
    private static final Pattern REPOSITORY_PATH = Pattern.compile("/v2/(.+?)/(blobs|manifests|tags|referrers)/.*");
    private final TokenVerifier verifier;

    TokenGate(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The exchange to route: a cross-repository mount the token does not allow becomes a plain upload. */
    Exchange admit(Exchange ex, String path) {
        List<Access> needed = needed(ex.method(), path);
        Optional<String> token = ex.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
        if (token.isEmpty()) {
            throw challenge(ex, needed, Optional.empty(), "authentication required");
        }
        Set<Access> granted;
        try {
            granted = verifier.verify(token.get());
        } catch (TokenVerifier.Rejected e) {
            throw challenge(ex, needed, Optional.of("invalid_token"), e.getMessage());
        }
        for (Access a : needed) {
            if (granted.stream().noneMatch(g -> g.covers(a))) {
                throw challenge(ex, needed, Optional.of("insufficient_scope"), "authentication required");
            }
        }
        Optional<String> from = ex.queryParam("from");
        if (ex.queryParam("mount").isPresent() && from.isPresent()
                && granted.stream().noneMatch(g -> g.covers(Access.repository(from.get(), Set.of("pull"))))) {
            return withoutMount(ex);
        }
        return ex;
    }

    static List<Access> needed(String method, String path) {
        if (path.equals("/v2/_catalog")) {
            return List.of(new Access("registry", "catalog", Set.of("*")));
        }
        Matcher m = REPOSITORY_PATH.matcher(path);
        if (!m.matches()) {
            return List.of();
        }
        Set<String> actions = switch (method) {
            case "GET", "HEAD" -> Set.of("pull");
            case "DELETE" -> Set.of("delete");
            default -> Set.of("pull", "push");
        };
        return List.of(Access.repository(m.group(1), actions));
    }

    private SpecError challenge(Exchange ex, List<Access> needed, Optional<String> error, String message) {
        StringBuilder h = new StringBuilder("Bearer realm=\"").append(verifier.config().realm())
                .append("\",service=\"").append(verifier.config().service()).append('"');
        if (!needed.isEmpty()) {
            h.append(",scope=\"").append(String.join(" ", needed.stream().map(Access::scope).toList())).append('"');
        }
        error.ifPresent(e -> h.append(",error=\"").append(e).append('"'));
        ex.responseHeader("WWW-Authenticate", h.toString());
        List<Map<String, String>> detail = new ArrayList<>();
        for (Access a : needed) {
            detail.add(Map.of("Type", a.type(), "Name", a.name(), "Action", String.join(",", a.actions().stream().sorted().toList())));
        }
        return new SpecError(ErrorCode.UNAUTHORIZED, message, detail.isEmpty() ? null : detail);
    }

    private static Exchange withoutMount(Exchange ex) {
        return new ForwardingExchange(ex) {
            @Override
            public List<String> queryParams(String name) {
                return name.equals("mount") || name.equals("from") ? List.of() : super.queryParams(name);
            }
        };
    }
}
