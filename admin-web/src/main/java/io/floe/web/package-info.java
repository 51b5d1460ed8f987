/**
 * The storage and admin REST API over the engine (projects, buckets, tables, imports, previews).
 * One class per resource; {@link io.floe.web.RestApi} lists the routes. Routing, authentication,
 * error bodies and the OpenAPI document are the HTTP edge's ({@code io.floe.http}).
 */
package io.floe.web;
