package io.hannahanna.hn.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who holds a port, read from /proc the way ss -ltnp does; unknown when the system cannot tell. */
class PortHolderTest {
  private final long self = ProcessHandle.current().pid();

  @Test
  void namesTheProcessListeningOnATcpPort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      Optional<PortHolder.Holder> holder = PortHolder.of(socket.getLocalPort(), Protocol.TCP);
      assertTrue(holder.isPresent());
      assertEquals(self, holder.get().pid());
      assertEquals("java", holder.get().command());
      assertEquals("java (pid " + self + ")", holder.get().toString());
    }
  }

  @Test
  void findsAListenerOnTheIpv6WildcardAndAUdpSocket() throws Exception {
    try (ServerSocket tcp = new ServerSocket();
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
      tcp.bind(new InetSocketAddress("::", 0));
      assertEquals(self, PortHolder.of(tcp.getLocalPort(), Protocol.TCP).orElseThrow().pid());
      assertEquals(self, PortHolder.of(udp.getLocalPort(), Protocol.UDP).orElseThrow().pid());
    }
  }

  @Test
  void aPortNobodyListensOnHasNoHolder() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertEquals(Optional.empty(), PortHolder.of(port, Protocol.TCP));
  }
}
