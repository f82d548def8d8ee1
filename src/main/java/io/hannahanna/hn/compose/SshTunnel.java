package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The `ssh -L` that makes a remote stack's ports answer on this machine's loopback at the same
 * numbers: one forward a port, through the ssh engine's own host and user.
 */
public final class SshTunnel {
  private SshTunnel() {}

  /**
   * The ssh command for an engine's endpoint, or a refusal that says where the ports are instead.
   *
   * @param worktree for the messages
   */
  public static Cmd command(String endpoint, List<Integer> ports, String worktree) {
    URI uri = URI.create(endpoint);
    if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null) {
      String host = EngineTarget.hostOf(endpoint);
      throw new HnException(
          host.equals("localhost")
              ? "'" + worktree + "' runs on this machine's engine: its ports answer on localhost."
              : "'"
                  + worktree
                  + "' runs on "
                  + endpoint
                  + ", which needs no tunnel: its ports answer at "
                  + host
                  + " (WT_HOST in 'hn env "
                  + worktree
                  + "'); hn tunnel is for ssh:// engines.");
    }
    List<String> argv =
        new ArrayList<>(
            List.of("ssh", "-N", "-o", "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=30"));
    if (uri.getPort() > 0) {
      argv.addAll(List.of("-p", Integer.toString(uri.getPort())));
    }
    for (int port : ports) {
      argv.addAll(List.of("-L", "127.0.0.1:" + port + ":127.0.0.1:" + port));
    }
    argv.add("--");
    argv.add(uri.getUserInfo() == null ? uri.getHost() : uri.getUserInfo() + "@" + uri.getHost());
    return Cmd.of(null, argv);
  }
}
