package io.hannahanna.hn.compose;

import io.hannahanna.hn.ports.Protocol;

/**
 * One container port a service publishes on the host.
 *
 * @param hostIp the host address it binds to, or null for all
 * @param published the host port the base file asks for, or 0 when compose would pick one
 */
public record PublishedPort(String hostIp, int published, int target, Protocol protocol) {}
