package io.hannahanna.hn.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, so it is written in one place: pom.xml. */
public class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = HnCommand.class.getPackage().getImplementationVersion();
    return new String[] {"hn " + (version == null ? "(development build)" : version)};
  }
}
