package org.ownerless.app.demo;

import java.io.IOException;
import java.io.PrintWriter;
import org.ownerless.app.options.Executables;

/** Opens a URL in the desktop's browser when there is a desktop; otherwise says to open it by hand. */
public final class BrowserLauncher {
  private BrowserLauncher() {}

  public static void open(String url, PrintWriter err) {
    boolean desktop = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    String opener = System.getProperty("os.name", "").startsWith("Mac") ? "open" : "xdg-open";
    if ((desktop || opener.equals("open")) && Executables.onPath(opener)) {
      try {
        new ProcessBuilder(opener, url).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return;
      } catch (IOException e) {
        // fall through to the hint
      }
    }
    err.println("no desktop browser to open here: open " + url + " in a browser");
    err.flush();
  }
}
