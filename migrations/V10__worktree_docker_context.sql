-- Version 10: `hn add <name> --context <ctx>` pins one worktree's stack to a docker context; every
-- later command for that worktree talks to that engine. NULL: the repository's choice
-- (docker.context, else the shell's engine).
ALTER TABLE worktrees ADD COLUMN docker_context TEXT;
