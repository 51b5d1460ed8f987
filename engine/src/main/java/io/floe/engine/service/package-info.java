/**
 * The engine's services behind the storage API: projects, buckets, tables, imports, reads
 * (preview, export), table profiles, schema changes, sharing, metadata, project tokens and jobs. Front-ends only
 * translate their protocol into these calls; each call checks access through
 * {@link io.floe.engine.security.AccessPolicy} and validates names before it touches anything.
 */
package io.floe.engine.service;
