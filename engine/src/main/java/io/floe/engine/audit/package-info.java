/**
 * The audit log: one JSON line per statement, rotated, never containing secrets
 * ({@link io.floe.engine.audit.AuditLog}), and its reader ({@link io.floe.engine.audit.AuditReader}),
 * which reads it back newest first for {@code Floe.auditTrail()}.
 */
package io.floe.engine.audit;
