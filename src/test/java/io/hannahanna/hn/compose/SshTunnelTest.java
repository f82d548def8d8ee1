package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ssh command of hn tunnel, as a value (RemoteEngineTest runs it against a real sshd). */
class SshTunnelTest {
  @Test
  void anSshEngineGetsOneLocalForwardAPortThroughItsOwnHostUserAndPort() {
    assertEquals(
        List.of(
            "ssh",
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-o",
            "ServerAliveInterval=30",
            "-p",
            "2222",
            "-L",
            "127.0.0.1:3000:127.0.0.1:3000",
            "-L",
            "127.0.0.1:3001:127.0.0.1:3001",
            "--",
            "me@devbox"),
        SshTunnel.command("ssh://me@devbox:2222", List.of(3000, 3001), "w").argv());
  }

  @Test
  void aTcpOrLocalEngineNeedsNoTunnelAndItSaysWhereThePortsAre() {
    HnException tcp =
        assertThrows(
            HnException.class, () -> SshTunnel.command("tcp://10.0.0.5:2376", List.of(3000), "w"));
    assertTrue(tcp.getMessage().contains("answer at 10.0.0.5 (WT_HOST"), tcp.getMessage());
    HnException local =
        assertThrows(
            HnException.class,
            () -> SshTunnel.command("unix:///var/run/docker.sock", List.of(3000), "w"));
    assertTrue(local.getMessage().contains("this machine's engine"), local.getMessage());
  }
}
