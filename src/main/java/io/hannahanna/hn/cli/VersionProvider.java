package io.hannahanna.hn.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/**
 * The version written in one place, pom.xml: Quarkus records it at build time, which also holds in
 * a native executable (no jar manifest there).
 */
public class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.application.version", String.class)
            .orElse("(development build)");
    return new String[] {"hn " + version};
  }
}
