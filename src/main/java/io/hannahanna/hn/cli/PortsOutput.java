package io.hannahanna.hn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints allocations as a table or as `{"allocations": [...]}`. */
final class PortsOutput {
  private PortsOutput() {}

  static void print(PrintWriter out, boolean json, List<PortView> ports) {
    if (json) {
      Output.write(out, Map.of("allocations", ports));
      return;
    }
    Table table = new Table().row("WORKTREE", "SERVICE", "CONTAINER", "HOST", "PROTO", "STATUS");
    for (PortView p : ports) {
      table.row(
          p.worktree(),
          p.service(),
          p.containerPortText(),
          Integer.toString(p.hostPort()),
          p.protocol(),
          p.inUseByOthers() == null ? "" : p.inUseByOthers() ? "IN USE by another program" : "ok");
    }
    table.print(out);
  }
}
