package io.floe.web;

/** HTTP methods the REST API routes. */
public enum HttpMethod { GET, POST, PUT, PATCH, DELETE }
