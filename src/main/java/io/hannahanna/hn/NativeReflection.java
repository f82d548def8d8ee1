package io.hannahanna.hn;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * For the native build (`./mvnw package -Dnative`): Jackson reads records and enums through
 * reflection, which a native image only allows for registered types. Every record is listed, so
 * JSON output cannot lose a field in the native build (NativeBuildConfigTest checks the list).
 */
@RegisterForReflection(
    classNames = {
      "io.hannahanna.hn.checkup.Check",
      "io.hannahanna.hn.cli.DockerHealthCommand$HealthView",
      "io.hannahanna.hn.cli.DockerPruneCommand$PrunedView",
      "io.hannahanna.hn.cli.DockerPsCommand$ProjectView",
      "io.hannahanna.hn.cli.DockerStatusView",
      "io.hannahanna.hn.cli.DockerVolumesCommand$VolumeView",
      "io.hannahanna.hn.cli.DoctorCommand$CheckView",
      "io.hannahanna.hn.cli.InfoCommand$InfoView",
      "io.hannahanna.hn.cli.InfoCommand$Status",
      "io.hannahanna.hn.cli.NetworksCommand$SubnetView",
      "io.hannahanna.hn.cli.PortView",
      "io.hannahanna.hn.cli.PortsStatsCommand$PortCountView",
      "io.hannahanna.hn.cli.PortsStatsCommand$StatsView",
      "io.hannahanna.hn.cli.StateCommand$StateView",
      "io.hannahanna.hn.cli.WorktreeView",
      "io.hannahanna.hn.compose.ComposeCli$Output",
      "io.hannahanna.hn.compose.ComposeModel",
      "io.hannahanna.hn.compose.ComposeProject",
      "io.hannahanna.hn.compose.Docker$Container",
      "io.hannahanna.hn.compose.Docker$EngineNetwork",
      "io.hannahanna.hn.compose.Docker$Resource",
      "io.hannahanna.hn.compose.EffectiveCompose$Context",
      "io.hannahanna.hn.compose.EngineInventory$Pruned",
      "io.hannahanna.hn.compose.EngineInventory$Status",
      "io.hannahanna.hn.compose.EngineInventory$Volume",
      "io.hannahanna.hn.compose.HealthChecks$ServiceHealth",
      "io.hannahanna.hn.compose.PublishedPort",
      "io.hannahanna.hn.config.ConfigLoader$Loaded",
      "io.hannahanna.hn.config.HnConfig",
      "io.hannahanna.hn.config.HnConfig$Docker",
      "io.hannahanna.hn.config.HnConfig$Healthcheck",
      "io.hannahanna.hn.config.HnConfig$Hook",
      "io.hannahanna.hn.config.HnConfig$Hooks",
      "io.hannahanna.hn.config.HnConfig$PortRange",
      "io.hannahanna.hn.config.HnConfig$SharedResource",
      "io.hannahanna.hn.config.Subnet",
      "io.hannahanna.hn.ports.LegacyRegistryImport$Imported",
      "io.hannahanna.hn.ports.LegacyRegistryImport$Row",
      "io.hannahanna.hn.ports.PortAllocation",
      "io.hannahanna.hn.ports.PortHolder$Holder",
      "io.hannahanna.hn.ports.PortRegistry$Holdings",
      "io.hannahanna.hn.ports.PortRequest",
      "io.hannahanna.hn.ports.PortStats",
      "io.hannahanna.hn.ports.PortStats$PortCount",
      "io.hannahanna.hn.ports.Protocol",
      "io.hannahanna.hn.ports.SubnetAllocation",
      "io.hannahanna.hn.ports.SubnetRequest",
      "io.hannahanna.hn.process.Cmd",
      "io.hannahanna.hn.process.ProcessResult",
      "io.hannahanna.hn.repo.Git$StatusSummary",
      "io.hannahanna.hn.repo.GitWorktree",
      "io.hannahanna.hn.repo.Repo",
      "io.hannahanna.hn.state.Database$Health",
      "io.hannahanna.hn.state.RegistryRepair$Repair",
      "io.hannahanna.hn.state.RepositoryStore$Held",
      "io.hannahanna.hn.worktree.ProcessIdentity",
      "io.hannahanna.hn.worktree.SharedResources$Copy",
      "io.hannahanna.hn.worktree.StateFolders$StateFolder",
      "io.hannahanna.hn.worktree.UnfinishedWork",
      "io.hannahanna.hn.worktree.Worktree",
      "io.hannahanna.hn.worktree.WorktreeCreation$AddRequest",
      "io.hannahanna.hn.worktree.WorktreeRecord",
      "io.hannahanna.hn.worktree.WorktreeRemoval$RemoveRequest",
      "io.hannahanna.hn.worktree.BranchMerges$SyncRequest",
      "io.hannahanna.hn.worktree.ForEachWorktree$EachRequest",
      "io.hannahanna.hn.worktree.ForEachWorktree$Outcome",
      "io.hannahanna.hn.cli.EachCommand$ResultView",
      "io.hannahanna.hn.cli.SnapshotCommand$SnapshotView",
      "io.hannahanna.hn.worktree.Snapshots$Snapshot"
    })
final class NativeReflection {
  private NativeReflection() {}
}
