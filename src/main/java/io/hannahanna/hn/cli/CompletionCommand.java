package io.hannahanna.hn.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    aliases = "completions", // hannahanna's spelling
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script.",
      "Print a shell completion script: commands, options, and worktree names for the",
      "commands that take one (read from git as you type, without starting hn)."
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
  static final List<String> TAKE_WORKTREE =
      List.of("switch", "info", "remove", "rm", "env", "sync", "integrate", "tag", "untag");

  @Spec CommandSpec spec;

  @Mixin Output output;

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
    output.out().print(script);
    output.out().flush();
    return ExitCode.OK;
  }

  /**
   * hn's worktree names without starting hn (TAB must not wait for a JVM): the main checkout is
   * named after its branch ("main" when detached), every other worktree after its folder, which is
   * what hn names them. Shared by the completion and the init-shell function (bash and zsh).
   */
  static final String POSIX_NAMES =
      """
      _hn_worktrees() {
        # prints "name<TAB>path" per worktree, read from git; names are data, never expanded
        # (not "path": zsh ties that name to PATH). git separates fields with NUL (-z), so a
        # folder name with a newline cannot forge an entry; such a worktree is left out.
        local field wt_path="" main=1
        while IFS= read -r -d '' field; do
          case "$field" in
            "worktree "*) wt_path="${field#worktree }"
              case "$wt_path" in *$'\\n'*|*$'\\t'*) wt_path="" ;; esac
              if [ -z "$main" ] && [ -n "$wt_path" ]; then printf '%s\\t%s\\n' "${wt_path##*/}" "$wt_path"; fi ;;
            "branch refs/heads/"*) if [ -n "$main" ]; then [ -z "$wt_path" ] || printf '%s\\t%s\\n' "${field#branch refs/heads/}" "$wt_path"; main=""; fi ;;
            "detached") if [ -n "$main" ]; then [ -z "$wt_path" ] || printf 'main\\t%s\\n' "$wt_path"; main=""; fi ;;
            "") main="" ;;
          esac
        done < <(git worktree list --porcelain -z 2>/dev/null)
      }
      """;

  /** Wraps picocli's completion so worktree-taking commands complete the current worktrees. */
  private static String worktreeNames() {
    return POSIX_NAMES
        + """

        _hn_with_worktrees() {
          local cur="${COMP_WORDS[COMP_CWORD]}"
          if [ "$COMP_CWORD" -eq 2 ] && [[ "$cur" != -* ]]; then
            case "${COMP_WORDS[1]}" in
              %s)
                # Names come from the repository (branches, folders): data, never expanded.
                COMPREPLY=()
                local name wt_path
                while IFS=$'\\t' read -r name wt_path; do
                  if [[ "$name" == "$cur"* ]]; then
                    COMPREPLY+=("$(printf '%%q' "$name")")
                  fi
                done < <(_hn_worktrees)
                return 0 ;;
            esac
          fi
          _complete_hn "$@"
        }
        complete -F _hn_with_worktrees -o default hn
        """
            .formatted(String.join("|", TAKE_WORKTREE));
  }

  /** The same for fish: "name<TAB>path" per worktree, and the names alone. */
  static final String FISH_NAMES =
      """
      function __hn_worktrees
        # fields split on NUL (-z): a folder name with a newline cannot forge an entry
        set -l main 1
        set -l path ''
        for field in (git worktree list --porcelain -z 2>/dev/null | string split0)
          switch $field
            case 'worktree *'
              set path (string sub -s 10 -- $field | string collect)
              if string match -q -r '[\\n\\t]' -- $path
                set path ''
              end
              if test $main -eq 0; and test -n "$path"
                printf '%s\\t%s\\n' (string replace -r '.*/' '' -- $path) $path
              end
            case 'branch refs/heads/*'
              if test $main -eq 1
                test -n "$path"; and printf '%s\\t%s\\n' (string sub -s 19 -- $field) $path
                set main 0
              end
            case detached
              if test $main -eq 1
                test -n "$path"; and printf 'main\\t%s\\n' $path
                set main 0
              end
            case ''
              set main 0
          end
        end
      end
      function __hn_worktree_names
        for entry in (__hn_worktrees)
          string split -f1 \\t -- $entry
        end
      end
      """;

  private static String fish(CommandLine root) {
    StringBuilder out = new StringBuilder(FISH_NAMES).append("complete -c hn -f\n");
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
        .append("' -a '(__hn_worktree_names)'\n");
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
