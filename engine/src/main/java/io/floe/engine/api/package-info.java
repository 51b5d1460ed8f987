/**
 * The engine's public face: the only part of the engine that front-ends (JDBC, PostgreSQL wire,
 * REST, the HTTP edge, the server) may use. It holds the contract and nothing else: the error
 * model ({@link io.floe.engine.api.FloeException} with an {@link io.floe.engine.api.ErrorCode}
 * that carries SQLSTATE, HTTP status and vendor code), sessions and their results, principals and
 * credentials, catalog values and listings, and the interfaces of the services the REST API
 * calls. Everything else in {@code io.floe.engine} is the engine's own and may change freely;
 * {@code FrontEndImportsTest} in the server module fails when a front-end names it.
 */
package io.floe.engine.api;
