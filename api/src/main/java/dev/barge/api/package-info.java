/**
 * The Engine API: {@link dev.barge.api.EngineApi} is the one {@link dev.barge.http.Handler}. It
 * checks the client's API version ({@code /vX.Y}, 1.24 to 1.50; unversioned paths get the same
 * routes), adds the headers every answer carries, routes, binds {@link dev.barge.api.ApiContext}
 * and maps every {@link dev.barge.core.BargeException} to a status through
 * {@link dev.barge.api.ErrorStatus}, with body {@code {"message": ...}}.
 *
 * <p>Writing a route: a class per resource with {@code register(Router)}; answer with
 * {@link dev.barge.api.Responses}; throw {@code BargeException} for errors before the response
 * starts; for JSON message streams use {@link dev.barge.api.JsonStream} and report late errors
 * with {@link dev.barge.api.JsonStream#error}; query filters parse with {@link dev.barge.api.Filters}.
 * System routes live in {@code dev.barge.api.system}.
 */
package dev.barge.api;
