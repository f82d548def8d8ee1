package io.hannahanna.hn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "init-shell",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell function named hn that makes 'hn switch <name>' change directory.",
      "Every other hn command runs unchanged."
    },
    footer = {
      "",
      "Examples (add one to your shell's start-up file):",
      "  eval \"$(hn init-shell bash)\"      # ~/.bashrc",
      "  eval \"$(hn init-shell zsh)\"       # ~/.zshrc",
      "  hn init-shell fish | source       # ~/.config/fish/config.fish"
    })
public class InitShellCommand implements Callable<Integer> {

  /** Shells hn writes a function for. */
  public enum Shell {
    bash,
    zsh,
    fish
  }

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "<shell>",
      arity = "0..1",
      defaultValue = "bash",
      description = "bash, zsh or fish (default: ${DEFAULT-VALUE}).")
  Shell shell;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(shell == Shell.fish ? FISH : POSIX);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  private static final String POSIX =
      """
      hn() {
        if [ "$1" = "switch" ] && [ "$#" -ge 2 ]; then
          local hn_dir
          hn_dir="$(command hn "$@")" || return $?
          if [ -d "$hn_dir" ]; then cd "$hn_dir"; else printf '%s\\n' "$hn_dir"; fi
        else
          command hn "$@"
        fi
      }
      """;

  private static final String FISH =
      """
      function hn
        if test (count $argv) -ge 2; and test "$argv[1]" = switch
          set -l hn_dir (command hn $argv); or return $status
          if test -d "$hn_dir"; cd "$hn_dir"; else; printf '%s\\n' $hn_dir; end
        else
          command hn $argv
        end
      end
      """;
}
