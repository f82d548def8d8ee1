package io.hannahanna.hn.ports;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether another program on this machine uses a port. It tries to bind the port on the IPv4 and
 * IPv6 wildcard addresses: on Linux a wildcard bind fails while any local address of that family
 * has the port, so listeners on 127.0.0.1, 0.0.0.0, ::1 or :: are all seen.
 */
@Singleton
@Typed(SystemPorts.class) // the PortProbe hn uses is the engine's (EnginePorts), which asks this
public class SystemPorts implements PortProbe {
  private final List<InetAddress> wildcards = new ArrayList<>();

  public SystemPorts() {
    for (String address : new String[] {"0.0.0.0", "::"}) {
      try {
        wildcards.add(InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        // no IPv6 on this machine: the IPv4 check remains
      }
    }
  }

  @Override
  public boolean inUse(int port, Protocol protocol) {
    for (InetAddress address : wildcards) {
      if (!canBind(address, port, protocol)) {
        return true;
      }
    }
    return false;
  }

  private static boolean canBind(InetAddress address, int port, Protocol protocol) {
    InetSocketAddress endpoint = new InetSocketAddress(address, port);
    try {
      if (protocol == Protocol.UDP) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
          socket.setReuseAddress(false);
          socket.bind(endpoint);
        }
      } else {
        try (ServerSocket socket = new ServerSocket()) {
          // Linux still refuses a port that something listens on, but not one whose recent
          // connections linger in TIME_WAIT: those are not a program using the port.
          socket.setReuseAddress(true);
          socket.bind(endpoint, 1);
        }
      }
      return true;
    } catch (IOException e) {
      return address.getAddress().length == 16 && isUnsupported(e);
    }
  }

  /** An IPv6 bind that fails because the machine has no IPv6 is not a port in use. */
  private static boolean isUnsupported(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("not supported") || message.contains("Cannot assign");
  }
}
