/**
 * The JDBC endpoint: Avatica's wire protocol (JSON and protobuf) served by Floe's own Jetty 12 server
 * with avatica-core's request and response types, over engine sessions. It only translates the
 * protocol; access control, planning, timeouts and audit happen in the engine.
 */
package io.floe.avatica;
