package org.ownerless.app.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's settings as read from the YAML config file (every key optional; command-line flags
 * override them). Field names are the YAML keys; unknown keys are refused so a typo is not ignored.
 */
public final class NodeSettings {
  @JsonProperty public String name;
  @JsonProperty public String key;
  @JsonProperty public String data;
  @JsonProperty public String host;
  @JsonProperty public Integer httpPort;
  @JsonProperty public Integer rtmpPort;
  @JsonProperty public String publishToken;
  @JsonProperty public String publicUrl;
  @JsonProperty public String title;
  @JsonProperty public String lightning;
  @JsonProperty public String evm;
  @JsonProperty public Long chainId;
  @JsonProperty public String latency;
  @JsonProperty public String ladder;
  @JsonProperty public Double segmentSeconds;
  @JsonProperty public Integer playlistWindow;
  @JsonProperty public Integer retention;
  @JsonProperty public String endAfter;
  @JsonProperty public List<String> origins = new ArrayList<>();
  @JsonProperty public List<String> trackers = new ArrayList<>();
  @JsonProperty public String tlsCert;
  @JsonProperty public String tlsKey;
  @JsonProperty public String ffmpeg;
  @JsonProperty public String reownProjectId;
  @JsonProperty public String bucketEndpoint;
  @JsonProperty public String bucket;
  @JsonProperty public String bucketPrefix;
  @JsonProperty public String bucketRegion;
  @JsonProperty public String bucketPublicUrl;
  /** Bucket credentials; the environment's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when absent. */
  @JsonProperty public String bucketAccessKey;
  @JsonProperty public String bucketSecretKey;
}
