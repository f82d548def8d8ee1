package io.hannahanna.hn.cli;

import picocli.CommandLine.Command;

@Command(
    name = "ports",
    mixinStandardHelpOptions = true,
    description = {
      "The port registry: the host ports hn gave each worktree's services.",
      "A port stays with its worktree until released; SQL view: port_allocations_v."
    },
    footer = {"", "Examples:", "  hn ports list", "  hn ports allocate feat-x web:80 dns:53/udp"},
    subcommands = {
      PortsListCommand.class,
      PortsShowCommand.class,
      PortsCheckCommand.class,
      PortsAllocateCommand.class,
      PortsReleaseCommand.class,
      PortsReassignCommand.class,
      PortsStatsCommand.class,
    })
public class PortsCommand {}
