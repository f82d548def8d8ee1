package io.hannahanna.hn;

/**
 * A value the user typed that hn cannot use (a glob that does not parse, say), found past picocli's
 * own checks: reported like a usage error, with exit code 2.
 */
public class InvalidInput extends HnException {
  private static final long serialVersionUID = 1L;

  public InvalidInput(String message) {
    super(message);
  }
}
