package io.hannahanna.hn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void coloursOnlyOnATerminalWithoutNoColorOrTheFlag() {
    assertTrue(Terminal.colours(true, null, false));
    assertTrue(Terminal.colours(true, "", false), "an empty NO_COLOR does not count");
    assertFalse(Terminal.colours(false, null, false), "not a terminal");
    assertFalse(Terminal.colours(true, "1", false), "NO_COLOR");
    assertFalse(Terminal.colours(true, null, true), "--no-color");
    assertFalse(Terminal.colours(true, Terminal.noColour(null, "dumb"), false), "TERM=dumb");
    assertTrue(Terminal.colours(true, Terminal.noColour(null, "xterm-256color"), false));
  }

  @Test
  void paintsVerdictsWhenColoursAreOnAndLeavesOtherWordsAlone() {
    Terminal terminal = new Terminal(true, true, null);
    assertEquals("\u001b[32mOK\u001b[0m", terminal.verdict("OK"));
    assertEquals("\u001b[33mwaiting\u001b[0m", terminal.verdict("waiting"));
    assertEquals("\u001b[31mfailed\u001b[0m", terminal.verdict("failed"));
    assertEquals("STATUS", terminal.verdict("STATUS"));
    terminal.disableColours();
    assertEquals("OK", terminal.verdict("OK"));
    assertEquals("hn:", terminal.errorPrefix());
  }

  @Test
  void progressGoesToStderrOnlyWhenItIsATerminal() {
    StringWriter shown = new StringWriter();
    Diagnostics onTerminal = new Diagnostics(new Terminal(false, true, null));
    onTerminal.use(new PrintWriter(shown));
    onTerminal.progress("waiting");
    assertEquals("waiting\n", shown.toString());

    StringWriter quiet = new StringWriter();
    Diagnostics inScript = new Diagnostics(new Terminal(false, false, null));
    inScript.use(new PrintWriter(quiet));
    inScript.progress("waiting");
    inScript.warn("still shown");
    assertEquals("warning: still shown\n", quiet.toString());
  }

  @Test
  void aPipeIsNotATerminal() {
    // Surefire runs tests with stdout and stderr piped to the build.
    assertFalse(new Terminal().stdout());
  }
}
