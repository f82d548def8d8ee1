package io.hannahanna.hn.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script.",
      "Print a shell completion script: commands, options, and worktree names for the",
      "commands that take one (read from 'hn list --names' as you type)."
    },
    footer = {
      "",
      "Examples:",
      "  source <(hn completion bash)                       # in ~/.bashrc",
      "  source <(hn completion zsh)                        # in ~/.zshrc",
      "  hn completion fish > ~/.config/fish/completions/hn.fish"
    })
public class CompletionCommand implements Callable<Integer> {
  /** Commands whose first argument is a worktree name. */
  static final List<String> TAKE_WORKTREE = List.of("switch", "info", "remove", "rm");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<shell>", description = "bash, zsh or fish.")
  InitShellCommand.Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script =
        switch (shell) {
          case bash -> AutoComplete.bash("hn", root) + worktreeNames();
          case zsh ->
              "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                  + AutoComplete.bash("hn", root)
                  + worktreeNames();
          case fish -> fish(root);
        };
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  /** Wraps picocli's completion so worktree-taking commands complete the current worktrees. */
  private static String worktreeNames() {
    return """

        _hn_with_worktrees() {
          local cur="${COMP_WORDS[COMP_CWORD]}"
          if [ "$COMP_CWORD" -eq 2 ] && [[ "$cur" != -* ]]; then
            case "${COMP_WORDS[1]}" in
              %s)
                # Names come from the repository (branches, folders): data, never expanded.
                COMPREPLY=()
                local name
                while IFS= read -r name; do
                  if [[ "$name" == "$cur"* ]]; then
                    COMPREPLY+=("$(printf '%%q' "$name")")
                  fi
                done < <(command hn list --names 2>/dev/null)
                return 0 ;;
            esac
          fi
          _complete_hn "$@"
        }
        complete -F _hn_with_worktrees -o default hn
        """
        .formatted(String.join("|", TAKE_WORKTREE));
  }

  private static String fish(CommandLine root) {
    StringBuilder out = new StringBuilder("complete -c hn -f\n");
    for (CommandLine sub : root.getSubcommands().values().stream().distinct().toList()) {
      String name = sub.getCommandName();
      out.append("complete -c hn -n __fish_use_subcommand -a ")
          .append(name)
          .append(" -d ")
          .append(quote(firstLine(sub.getCommandSpec())))
          .append('\n');
      for (OptionSpec option : sub.getCommandSpec().options()) {
        for (String flag : option.names()) {
          if (flag.startsWith("--")) {
            out.append("complete -c hn -n '__fish_seen_subcommand_from ")
                .append(name)
                .append("' -l ")
                .append(flag.substring(2))
                .append(" -d ")
                .append(quote(option.description().length == 0 ? "" : option.description()[0]))
                .append('\n');
          }
        }
      }
    }
    out.append("complete -c hn -n '__fish_seen_subcommand_from ")
        .append(TAKE_WORKTREE.stream().collect(Collectors.joining(" ")))
        .append("' -a '(command hn list --names 2>/dev/null)'\n");
    return out.toString();
  }

  private static String firstLine(CommandSpec spec) {
    String[] description = spec.usageMessage().description();
    return description.length == 0 ? "" : description[0];
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
