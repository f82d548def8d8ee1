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
 *
 * <p>hannahanna's layout is taken as hannahanna takes it: a template with a `files/` folder copies
 * only that folder's content, filling in `${HNHN_NAME}`, `${HNHN_PATH}` and `${HNHN_BRANCH}`; its
 * README.md (first line) or description.txt describes it, as does `template.description` in its
 * `.hannahanna.yml`.
 */
@Singleton
public class WorktreeTemplates {

  /** One template as `hn templates` lists it; layout `hn` or `hannahanna` (a files/ folder). */
  public record Template(
      String name,
      Path folder,
      List<Path> files,
      boolean config,
      String description,
      String layout) {}

  public List<Template> list(Repo repo) {
    return TemplateFolders.names(repo.root()).stream().map(n -> template(repo, n)).toList();
  }

  public Template template(Repo repo, String name) {
    Path folder = TemplateFolders.folder(repo.root(), name);
    if (!TemplateFolders.names(repo.root()).contains(name)) {
      throw new HnException(
          "There is no template '" + name + "' in " + folder.getParent() + "; see 'hn templates'.");
    }
    return new Template(
        name,
        folder,
        files(folder),
        TemplateFolders.fragment(repo.root(), name).isPresent(),
        TemplateDescriptions.of(folder),
        hannahannaLayout(folder) ? "hannahanna" : "hn");
  }

  /** hannahanna's layout: the files to copy are in `files/`, the rest describes the template. */
  static boolean hannahannaLayout(Path folder) {
    return Files.isDirectory(folder.resolve(FILES), LinkOption.NOFOLLOW_LINKS);
  }

  static final String FILES = "files";

  /**
   * The files a new worktree gets, relative to where they are copied from (the template's folder,
   * or its files/ folder); a link anywhere in the template is an error.
   */
  public List<Path> files(Path folder) {
    refuseLinks(folder);
    Path from = hannahannaLayout(folder) ? folder.resolve(FILES) : folder;
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted().toList()) {
        Path relative = from.relativize(p);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && (from != folder || !relative.toString().equals(ConfigLoader.FILE_NAME))) {
          files.add(relative);
        }
      }
    } catch (IOException e) {
      throw new HnException("Cannot read the template " + folder + ": " + e.getMessage() + ".", e);
    }
    return files;
  }

  private static void refuseLinks(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted().toList()) {
        if (Files.isSymbolicLink(p)) {
          throw new HnException(
              "Template file "
                  + p
                  + " is a symbolic link; templates hold regular files and folders only.");
        }
      }
    } catch (IOException e) {
      throw new HnException("Cannot read the template " + folder + ": " + e.getMessage() + ".", e);
    }
  }

  /** Copies the template into the worktree, filling in the placeholders in text files. */
  public void copy(Repo repo, String name, Path worktree, Map<String, String> values) {
    Path folder = TemplateFolders.folder(repo.root(), name);
    boolean hannahanna = hannahannaLayout(folder);
    Path from = hannahanna ? folder.resolve(FILES) : folder;
    for (Path relative : files(folder)) {
      Path source = from.resolve(relative);
      // the branch may bring links of its own (`conf -> /etc`): never written through
      Path target = RepositoryPaths.noLinkOut(worktree, relative.toString(), "Template file");
      try {
        Files.createDirectories(target.getParent());
        if (Files.isSymbolicLink(target)) {
          Files.delete(target);
        }
        byte[] bytes = Files.readAllBytes(source);
        String text = text(bytes);
        if (text != null) {
          text = Templates.fillKnown(text, values);
          if (hannahanna) {
            text =
                text.replace("${HNHN_NAME}", values.get("worktree_name"))
                    .replace("${HNHN_PATH}", worktree.toString())
                    .replace("${HNHN_BRANCH}", values.get("branch"));
          }
        }
        Files.write(target, text == null ? bytes : text.getBytes(StandardCharsets.UTF_8));
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
