package org.etdremediator.sim;

import io.vertx.core.MultiMap;
import java.time.Instant;

/**
 * A request as a simulator received it.
 *
 * @param endpoint the endpoint it reached, {@link Endpoint#ANY} for a path the service lacks
 * @param method the HTTP method
 * @param path the path without the query string
 * @param headers a copy of the request headers
 * @param body the body as text, empty when none
 * @param at when it arrived, by the simulator's clock
 */
public record RecordedRequest(
    Endpoint endpoint, String method, String path, MultiMap headers, String body, Instant at) {}
