package io.hannahanna.hn.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * What the Docker engine holds, read through Testcontainers' Docker client (docker-java) rather
 * than the docker CLI that hn itself drives, so a test does not check hn with hn's own means.
 */
public final class EngineState {
  private EngineState() {}

  private static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  /** Labels as the filter wants them: "key=value" pairs. */
  private static Map<String, String> labels(String... pairs) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      labels.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return labels;
  }

  /** Containers carrying every label given (running ones, or all with {@code all}). */
  public static List<Container> containers(boolean all, String... labelPairs) {
    return client().listContainersCmd().withShowAll(all).withLabelFilter(labels(labelPairs)).exec();
  }

  /** Names of the networks carrying every label given. */
  public static List<String> networks(String... labelPairs) {
    return client().listNetworksCmd().exec().stream()
        .filter(
            n ->
                n.getLabels() != null
                    && n.getLabels().entrySet().containsAll(labels(labelPairs).entrySet()))
        .map(com.github.dockerjava.api.model.Network::getName)
        .toList();
  }

  /** Names of the volumes carrying every label given. */
  public static List<String> volumes(String... labelPairs) {
    List<String> filter = List.of(labelPairs);
    var volumes = client().listVolumesCmd().withFilter("label", filter).exec().getVolumes();
    return volumes == null ? List.of() : volumes.stream().map(v -> v.getName()).toList();
  }

  public static boolean volumeExists(String name) {
    try {
      client().inspectVolumeCmd(name).exec();
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    }
  }

  /** When the container last started, as the engine reports it. */
  public static String startedAt(Container container) {
    return client().inspectContainerCmd(container.getId()).exec().getState().getStartedAt();
  }

  /** The name of the volume mounted at a path in a container. */
  public static String volumeAt(Container container, String destination) {
    return client().inspectContainerCmd(container.getId()).exec().getMounts().stream()
        .filter(m -> m.getDestination() != null && destination.equals(m.getDestination().getPath()))
        .map(m -> m.getName())
        .findFirst()
        .orElseThrow();
  }

  /**
   * Starts a fixture container from the test image (sleeping), with the given labels and, when
   * hostPort is not 0, its port 80 published there. Returns its id; {@link #remove} takes it away.
   */
  public static String run(String name, Map<String, String> labels, int hostPort) {
    CreateContainerCmd create =
        client()
            .createContainerCmd(DockerEngine.IMAGE)
            .withName(name)
            .withLabels(labels)
            .withCmd("sleep", "3600");
    if (hostPort != 0) {
      ExposedPort http = ExposedPort.tcp(80);
      create
          .withExposedPorts(http)
          .withHostConfig(
              HostConfig.newHostConfig()
                  .withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), http)));
    }
    String id = create.exec().getId();
    client().startContainerCmd(id).exec();
    return id;
  }

  /** A container's IPv4 address on each of its networks, by network name. */
  public static Map<String, String> addresses(Container container) {
    Map<String, String> addresses = new java.util.TreeMap<>();
    client()
        .inspectContainerCmd(container.getId())
        .exec()
        .getNetworkSettings()
        .getNetworks()
        .forEach((name, network) -> addresses.put(name, network.getIpAddress()));
    return addresses;
  }

  /** The subnets of each network carrying every label given, by network name. */
  public static Map<String, List<String>> subnets(String... labelPairs) {
    Map<String, List<String>> subnets = new java.util.TreeMap<>();
    for (String name : networks(labelPairs)) {
      var ipam = client().inspectNetworkCmd().withNetworkId(name).exec().getIpam();
      subnets.put(
          name,
          ipam == null || ipam.getConfig() == null
              ? List.of()
              : ipam.getConfig().stream().map(c -> c.getSubnet()).toList());
    }
    return subnets;
  }

  public static void remove(String id) {
    client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
  }

  /** The host port the engine publishes a container's TCP port on; 0 when none. */
  public static int publishedPort(Container container, int containerPort) {
    for (ContainerPort port : container.getPorts()) {
      if (port.getPrivatePort() != null
          && port.getPrivatePort() == containerPort
          && port.getPublicPort() != null) {
        return port.getPublicPort();
      }
    }
    return 0;
  }
}
