/**
 * The HTTP edge every Floe HTTP front-end shares: routes and the router
 * ({@link io.floe.http.Route}, {@link io.floe.http.RestHandler}), the one rule for reading a
 * caller's token ({@link io.floe.http.CallerAuthentication}), strict JSON
 * ({@link io.floe.http.Json}), the one error body built from the engine's error codes
 * ({@link io.floe.http.PublicError}, also for Jetty's own errors through
 * {@link io.floe.http.JsonErrorHandler}), and the OpenAPI document generated from the routes
 * ({@link io.floe.http.OpenApiResource}). Front-ends keep only their resources and protocol.
 */
package io.floe.http;
