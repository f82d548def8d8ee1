package io.hannahanna.hn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "init-shell",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell function named hn that makes 'hn switch'/'hn return' change directory.",
      "After changing directory it runs the post_switch hooks (only when some are configured).",
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

  @Mixin Output output;

  @Parameters(
      paramLabel = "<shell>",
      arity = "0..1",
      defaultValue = "bash",
      description = "bash, zsh or fish (default: ${DEFAULT-VALUE}).")
  Shell shell;

  @Override
  public Integer call() {
    output
        .out()
        .print(
            shell == Shell.fish
                ? CompletionCommand.FISH_NAMES + FISH
                : CompletionCommand.POSIX_NAMES + POSIX);
    output.out().flush();
    return ExitCode.OK;
  }

  private static final String POSIX =
      """
      _hn_post_switch() {
        grep -qs post_switch "$1/.hannahanna.yml" "$1/.hannahanna.local.yml" \\
          "${XDG_CONFIG_HOME:-$HOME/.config}/hn/config.yml"
      }
      _hn_has_exec() {
        local hn_arg
        for hn_arg in "$@"; do
          [ "$hn_arg" = "--" ] && return 1
          case "$hn_arg" in -x|--exec|--exec=*) return 0 ;; esac
        done
        return 1
      }
      hn() {
        if { [ "$1" = "add" ] || [ "$1" = "switch" ]; } && _hn_has_exec "$@"; then
          # the program keeps the terminal; hn names the worktree in a file to change into after
          local hn_cd hn_rc
          hn_cd="$(mktemp)" || return $?
          HN_CD_FILE="$hn_cd" command hn "$@"
          hn_rc=$?
          if [ -s "$hn_cd" ]; then cd "$(cat "$hn_cd")" || true; fi
          rm -f "$hn_cd"
          return "$hn_rc"
        fi
        if [ "$1" = "return" ]; then
          local hn_back
          hn_back="$(command hn "$@")" || return $?
          if [ -d "$hn_back" ]; then cd "$hn_back" || return $?; else printf '%s\n' "$hn_back"; fi
          return
        fi
        if [ "$1" = "switch" ] && [ "$#" -eq 2 ]; then
          # an exact name needs no hn (and no JVM), unless post_switch hooks are configured
          local hn_name hn_path hn_root=""
          while IFS=$'\\t' read -r hn_name hn_path; do
            [ -n "$hn_root" ] || hn_root="$hn_path"
            if [ "$hn_name" = "$2" ] && [ -d "$hn_path" ] && ! _hn_post_switch "$hn_root"; then
              cd "$hn_path"
              return
            fi
          done < <(_hn_worktrees)
        fi
        if [ "$1" = "switch" ] && [ "$#" -ge 2 ]; then
          local hn_out hn_dir
          shift
          hn_out="$(command hn switch --for-shell "$@")" || return $?
          hn_dir="${hn_out%%
      *}"
          if [ -d "$hn_dir" ]; then
            cd "$hn_dir" || return $?
            if [ "$hn_out" != "$hn_dir" ]; then command hn hook post_switch; fi
          else
            printf '%s\\n' "$hn_out"
          fi
        else
          command hn "$@"
        fi
      }
      """;

  private static final String FISH =
      """
      function __hn_post_switch
        set -l user $HOME/.config
        set -q XDG_CONFIG_HOME; and set user $XDG_CONFIG_HOME
        grep -qs post_switch $argv[1]/.hannahanna.yml $argv[1]/.hannahanna.local.yml $user/hn/config.yml
      end
      function __hn_has_exec
        for hn_arg in $argv
          test "$hn_arg" = --; and return 1
          switch $hn_arg
            case -x --exec '--exec=*'
              return 0
          end
        end
        return 1
      end
      function hn
        if test (count $argv) -ge 1; and contains -- $argv[1] add switch; and __hn_has_exec $argv
          # the program keeps the terminal; hn names the worktree in a file to change into after
          set -l hn_cd (mktemp); or return $status
          HN_CD_FILE=$hn_cd command hn $argv
          set -l hn_rc $status
          if test -s $hn_cd; cd (cat $hn_cd); end
          rm -f $hn_cd
          return $hn_rc
        end
        if test (count $argv) -ge 1; and test "$argv[1]" = return
          set -l hn_back (command hn $argv); or return $status
          if test (count $hn_back) -eq 1; and test -d "$hn_back[1]"
            cd "$hn_back[1]"
          else
            printf '%s\n' $hn_back
          end
          return
        end
        if test (count $argv) -eq 2; and test "$argv[1]" = switch
          # an exact name needs no hn (and no JVM), unless post_switch hooks are configured
          set -l root ''
          for entry in (__hn_worktrees)
            set -l parts (string split -m1 \\t -- $entry)
            test -n "$root"; or set root $parts[2]
            if test "$parts[1]" = "$argv[2]"; and test -d "$parts[2]"; and not __hn_post_switch $root
              cd $parts[2]
              return
            end
          end
        end
        if test (count $argv) -ge 2; and test "$argv[1]" = switch
          set -l hn_out (command hn switch --for-shell $argv[2..-1]); or return $status
          if test -d "$hn_out[1]"
            cd "$hn_out[1]"; or return $status
            if test (count $hn_out) -ge 2; command hn hook post_switch; end
          else
            printf '%s\\n' $hn_out
          end
        else
          command hn $argv
        end
      end
      """;
}
