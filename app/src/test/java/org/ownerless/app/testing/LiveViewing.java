package org.ownerless.app.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * A live node with a few segments published and a Chromium to open viewers of it: what a test class of
 * viewer tests shares (started in {@code @BeforeAll}, closed in {@code @AfterAll}).
 */
public final class LiveViewing implements AutoCloseable {
  public final LiveNode live;
  public final Chromium chromium;

  private LiveViewing(LiveNode live, Chromium chromium) {
    this.live = live;
    this.chromium = chromium;
  }

  /** A {@code src}-only node publishing for {@code seconds}, once {@code segments} are out. */
  public static LiveViewing start(Path data, TipTargets tips, int seconds, int segments) throws Exception {
    LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, tips, seconds);
    try {
      Chromium chromium = new Chromium();
      LiveViewing viewing = new LiveViewing(live, chromium);
      try {
        live.awaitSegments("src", segments, Duration.ofSeconds(40));
        return viewing;
      } catch (Exception | Error e) {
        chromium.close();
        throw e;
      }
    } catch (Exception | Error e) {
      live.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      live.close();
    }
  }
}
