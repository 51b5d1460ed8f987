/**
 * What the REST API and the PostgreSQL front-end ask of the engine's services, as interfaces the
 * services implement, with the values they take and answer.
 */
package io.floe.engine.api.admin;
