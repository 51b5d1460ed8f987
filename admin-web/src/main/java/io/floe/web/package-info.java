/**
 * The storage and admin REST API over the engine (projects, buckets, tables, imports, previews).
 * One class per resource; {@link io.floe.web.RestApi} lists the routes, and
 * {@link io.floe.web.RestHandler} authenticates, routes and maps errors to
 * {@code {"error": code, "message": ...}} for all of them.
 */
package io.floe.web;
