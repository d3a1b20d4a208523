package dev.barge.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method + path pattern to handler. A pattern's {@code {param}} matches one or more characters,
 * slashes included (image names have them: {@code /images/localhost:5000/x/json}); a route
 * without parameters wins over one with them, then routes match in the order added.
 */
public final class Router {
    private final List<Route> literal = new ArrayList<>();
    private final List<Route> parameterised = new ArrayList<>();

    public Router get(String pattern, Handler handler) {
        return add("GET", pattern, handler);
    }

    public Router head(String pattern, Handler handler) {
        return add("HEAD", pattern, handler);
    }

    public Router post(String pattern, Handler handler) {
        return add("POST", pattern, handler);
    }

    public Router put(String pattern, Handler handler) {
        return add("PUT", pattern, handler);
    }

    public Router delete(String pattern, Handler handler) {
        return add("DELETE", pattern, handler);
    }

    public Router add(String method, String pattern, Handler handler) {
        Route route = Route.compile(method, pattern, handler);
        (route.names.isEmpty() ? literal : parameterised).add(route);
        return this;
    }

    /** The handler for this method and path, with its path parameters. */
    public Optional<Match> match(String method, String path) {
        for (List<Route> routes : List.of(literal, parameterised)) {
            for (Route r : routes) {
                if (r.method.equals(method)) {
                    Matcher m = r.regex.matcher(path);
                    if (m.matches()) {
                        Map<String, String> params = new LinkedHashMap<>();
                        for (int i = 0; i < r.names.size(); i++) {
                            params.put(r.names.get(i), m.group(i + 1));
                        }
                        return Optional.of(new Match(r.handler, params));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** True when some route has this path under another method (405 rather than 404). */
    public boolean pathKnown(String path) {
        for (List<Route> routes : List.of(literal, parameterised)) {
            for (Route r : routes) {
                if (r.regex.matcher(path).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    public record Match(Handler handler, Map<String, String> params) {}

    private record Route(String method, Pattern regex, List<String> names, Handler handler) {
        static Route compile(String method, String pattern, Handler handler) {
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            Matcher m = Pattern.compile("\\{(\\w+)}").matcher(pattern);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(pattern.substring(last, m.start()))).append("(.+?)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(pattern.substring(last)));
            return new Route(method, Pattern.compile(regex.toString()), List.copyOf(names), handler);
        }
    }
}
