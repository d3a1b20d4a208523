package dev.barge.api;

import dev.barge.core.BargeException;
import dev.barge.http.Exchange;
import dev.barge.http.ForwardingExchange;
import java.util.Map;

/** An exchange the router has matched: path parameters answer from the match. */
final class RoutedExchange extends ForwardingExchange {
    private final Map<String, String> params;

    RoutedExchange(Exchange delegate, Map<String, String> params) {
        super(delegate);
        this.params = Map.copyOf(params);
    }

    @Override
    public String pathParam(String name) {
        String value = params.get(name);
        if (value == null) {
            throw BargeException.internal("route has no path parameter " + name, null);
        }
        return value;
    }
}
