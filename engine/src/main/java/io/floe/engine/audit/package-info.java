/** The audit log: one JSON line per statement, rotated, never containing secrets. */
package io.floe.engine.audit;
