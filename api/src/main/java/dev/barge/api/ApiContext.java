package dev.barge.api;

import dev.barge.engineapi.ApiVersion;

/**
 * What {@link EngineApi} learnt about the request before calling a route, bound for the route's
 * thread: the API version the client speaks (from {@code /vX.Y}, else our maximum).
 */
public final class ApiContext {
    static final ScopedValue<ApiVersion> VERSION = ScopedValue.newInstance();

    private ApiContext() {}

    /** The negotiated version of the current request; our maximum outside a request. */
    public static ApiVersion version() {
        return VERSION.isBound() ? VERSION.get() : ApiVersion.MAX;
    }
}
