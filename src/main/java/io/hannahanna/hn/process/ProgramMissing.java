package io.hannahanna.hn.process;

import io.hannahanna.hn.HnException;

/** The program to run is not installed (or not on PATH). */
public class ProgramMissing extends HnException {
  private static final long serialVersionUID = 1L;

  ProgramMissing(String program, Throwable cause) {
    super("Cannot run '" + program + "': it is not installed or not on PATH.", cause);
  }
}
