package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.ConfigLoader;
import io.hannahanna.hn.config.TemplateFolders;
import io.hannahanna.hn.config.Templates;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryPaths;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of `.hn-templates/<name>/`, copied into a new worktree: permissions kept, and in text
 * files the placeholders hn knows filled in (`{{worktree_name}}`, `{{branch}}`,
 * `{{port.<service>}}`); others are left as they are. A template holds folders and regular files
 * only: a link, which a clone could point anywhere, is refused before anything is created.
 */
@Singleton
public class WorktreeTemplates {

  /** One template as `hn templates` lists it. */
  public record Template(String name, Path folder, int files, boolean config) {}

  public List<Template> list(Repo repo) {
    List<Template> result = new ArrayList<>();
    for (String name : TemplateFolders.names(repo.root())) {
      Path folder = TemplateFolders.folder(repo.root(), name);
      result.add(
          new Template(
              name,
              folder,
              files(folder).size(),
              TemplateFolders.fragment(repo.root(), name).isPresent()));
    }
    return result;
  }

  /** The template's files, relative to its folder; a link anywhere in it is an error. */
  public List<Path> files(Path folder) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted().toList()) {
        if (Files.isSymbolicLink(p)) {
          throw new HnException(
              "Template file "
                  + p
                  + " is a symbolic link; templates hold regular files and folders only.");
        }
        Path relative = folder.relativize(p);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && !relative.toString().equals(ConfigLoader.FILE_NAME)) {
          files.add(relative);
        }
      }
    } catch (IOException e) {
      throw new HnException("Cannot read the template " + folder + ": " + e.getMessage() + ".", e);
    }
    return files;
  }

  /** Copies the template into the worktree, filling in the placeholders in text files. */
  public void copy(Repo repo, String name, Path worktree, Map<String, String> values) {
    Path folder = TemplateFolders.folder(repo.root(), name);
    for (Path relative : files(folder)) {
      Path source = folder.resolve(relative);
      // the branch may bring links of its own (`conf -> /etc`): never written through
      Path target = RepositoryPaths.noLinkOut(worktree, relative.toString(), "Template file");
      try {
        Files.createDirectories(target.getParent());
        if (Files.isSymbolicLink(target)) {
          Files.delete(target);
        }
        byte[] bytes = Files.readAllBytes(source);
        String text = text(bytes);
        Files.write(
            target,
            text == null
                ? bytes
                : Templates.fillKnown(text, values).getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
      } catch (IOException e) {
        throw new HnException(
            "Cannot copy template file " + source + " to " + target + ": " + e.getMessage() + ".",
            e);
      }
    }
  }

  /** The file as text when it is UTF-8 without NUL bytes, else null (copied byte for byte). */
  private static String text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
