package org.ownerless.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged page as the build wrote it: the player's own file (what main.js imports once it has sent
 * the page's first requests) is not preloaded by the page as packaged, and {@link
 * ViewerAssets#withPlayerPreload} preloads exactly that file, for a server that puts the first files into
 * the page (bench/first-frame.sh: the watch page's player code then loads with the page).
 */
class PlayerPreloadTest {
  private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\" />");
  private static final Pattern DYNAMIC_IMPORT = Pattern.compile("import\\(\"\\./([A-Za-z0-9_-]+\\.js)\"\\)");

  @TempDir Path assets;

  @Test
  void theServedPagePreloadsThePlayerMainJsImportsAndThePackagedPageDoesNot() throws Exception {
    ViewerAssets.extractTo(assets);
    Matcher imported = DYNAMIC_IMPORT.matcher(Files.readString(assets.resolve("viewer.js")));
    assertThat(imported.find()).as("main.js imports the player dynamically").isTrue();
    String player = imported.group(1);
    assertThat(imported.find()).as("main.js imports one module dynamically").isFalse();

    String packaged = ViewerAssets.watchPage("/viewer/", null);
    assertThat(preloaded(packaged)).isNotEmpty().doesNotContain(player);

    String served = ViewerAssets.withPlayerPreload(packaged);
    assertThat(preloaded(served)).containsAll(preloaded(packaged)).contains(player);
    assertThat(preloaded(served)).hasSize(preloaded(packaged).size() + 1);
    assertThat(served).doesNotContain("ownerless:player-code");
    // After the modules main.js needs, so that those are asked for first.
    assertThat(served.indexOf(player)).isGreaterThan(served.lastIndexOf(preloaded(packaged).get(0)));
  }

  @Test
  void aPageThatNamesNoPlayerIsLeftAsItIs() {
    String page = "<head><link rel=\"modulepreload\" href=\"a.js\" /><!--ownerless:player-code ../x.js--></head>";
    assertThat(ViewerAssets.withPlayerPreload(page)).isEqualTo(page);
  }

  private static List<String> preloaded(String html) {
    return PRELOAD.matcher(html).results().map(r -> r.group(1)).toList();
  }
}
