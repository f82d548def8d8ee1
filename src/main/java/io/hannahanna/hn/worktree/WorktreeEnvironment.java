package io.hannahanna.hn.worktree;

import java.util.Map;

/**
 * What else a worktree gets beyond git (for hn: its Docker environment). Set up after the worktree
 * exists and before its hooks run; torn down before it is removed or rolled back, and released
 * after. Each step may be called for a worktree that never got that far (crash recovery).
 */
public interface WorktreeEnvironment {
  WorktreeEnvironment NONE =
      new WorktreeEnvironment() {
        @Override
        public Map<String, String> setUp(Worktree worktree) {
          return Map.of();
        }

        @Override
        public Map<String, String> hookEnv(Worktree worktree) {
          return Map.of();
        }

        @Override
        public void tearDown(Worktree worktree) {
          // nothing was set up
        }

        @Override
        public void release(Worktree worktree) {
          // nothing is held
        }
      };

  /** Returns extra environment for the worktree's hooks (e.g. WT_PORTS_APP). */
  Map<String, String> setUp(Worktree worktree);

  /** Values for `{{...}}` in a template's files beyond name and branch (`port.<service>`). */
  default Map<String, String> templateValues(Worktree worktree) {
    return Map.of();
  }

  /** The extra hook environment of an existing worktree (for pre_remove). */
  Map<String, String> hookEnv(Worktree worktree);

  /** Stops what runs for the worktree (containers, networks); called before git removes it. */
  void tearDown(Worktree worktree);

  /** Gives back what the worktree holds (ports); called once git has removed it. */
  void release(Worktree worktree);

  /** Resumes containers a killed hn left paused and removes its helpers (crash recovery). */
  default void resume(PausedContainers.Left left) {}
}
