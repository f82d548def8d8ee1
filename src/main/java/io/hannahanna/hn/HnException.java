package io.hannahanna.hn;

/**
 * A failure the user can act on. The message is one sentence that says what went wrong and what to
 * do; it is printed as is, without a stack trace.
 */
public class HnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HnException(String message) {
    super(message);
  }

  public HnException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A message that may end with another program's words ("port is already allocated"), ended as a
   * sentence so that hn's next sentence does not run into it.
   */
  public static String sentence(String message) {
    String text = message == null ? "" : message.strip();
    return text.isEmpty() || text.matches("(?s).*[.!?]$") ? text : text + ".";
  }
}
