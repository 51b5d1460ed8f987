package io.floe.http;

/** HTTP methods the REST API routes. */
public enum HttpMethod { GET, POST, PUT, PATCH, DELETE }
