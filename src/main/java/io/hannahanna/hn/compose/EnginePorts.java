package io.hannahanna.hn.compose;

import io.hannahanna.hn.ports.PortProbe;
import io.hannahanna.hn.ports.Protocol;
import io.hannahanna.hn.ports.SystemPorts;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a port is taken where the stacks publish theirs: on this machine for a local engine; on a
 * remote engine's host, what its containers publish and what programs there listen on (read once
 * per invocation by the helper image, run on that host's network).
 */
@RequestScoped
public class EnginePorts implements PortProbe {
  /** `0.0.0.0:8080->80/tcp` in `docker ps`, `:::8080` / `0.0.0.0:8080` in netstat. */
  private static final Pattern PUBLISHED = Pattern.compile(":(\\d+)->\\d+/(tcp|udp)");

  private static final Pattern LISTENING =
      Pattern.compile("^(tcp|udp)6?\\s+\\d+\\s+\\d+\\s+\\S*:(\\d+)\\s", Pattern.MULTILINE);

  private final EngineTarget engine;
  private final SystemPorts local;
  private final Docker docker;
  private final RepositoryTrust trust;
  private final Workspace workspace;
  private Set<String> remote;
  private String remoteHost; // whose ports `remote` holds: an invocation may look at several

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  EnginePorts() {
    this(null, null, null, null, null);
  }

  @Inject
  public EnginePorts(
      EngineTarget engine,
      SystemPorts local,
      Docker docker,
      RepositoryTrust trust,
      Workspace workspace) {
    this.engine = engine;
    this.local = local;
    this.docker = docker;
    this.trust = trust;
    this.workspace = workspace;
  }

  @Override
  public boolean inUse(int port, Protocol protocol) {
    if (!engine.remote()) {
      return local.inUse(port, protocol);
    }
    if (remote == null || !engine.host().equals(remoteHost)) {
      remote = remoteHostPorts();
      remoteHost = engine.host();
    }
    return remote.contains(protocol.id() + "/" + port);
  }

  @Override
  public String space() {
    return engine.remote() ? engine.host() : "";
  }

  /** "tcp/8080" for every port published by the engine's containers or listened on there. */
  private Set<String> remoteHostPorts() {
    Set<String> taken = new HashSet<>();
    Matcher published =
        PUBLISHED.matcher(docker.run("list containers", "ps", "--format", "{{.Ports}}"));
    while (published.find()) {
      taken.add(published.group(2) + "/" + published.group(1));
    }
    String image = trust.seedImage(workspace.repo());
    Matcher listening =
        LISTENING.matcher(
            docker.run(
                "list the listening ports of " + engine.host(),
                "run",
                "--rm",
                "--network",
                "host",
                image,
                "netstat",
                "-ltun"));
    while (listening.find()) {
      taken.add(listening.group(1) + "/" + listening.group(2));
    }
    return taken;
  }
}
