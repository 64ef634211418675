package org.ownerless.origin.http;

/** Names of the pipeline's handlers, so an upgrade can take out exactly the HTTP-only ones. */
final class PipelineNames {
  static final String LIMITER = "connection-limiter";
  static final String WATCH = "connection-watch";
  static final String BACKPRESSURE = "backpressure";
  static final String TLS = "tls";
  static final String HEADER_DEADLINE = "header-deadline";
  static final String CODEC = "http-codec";
  static final String CORS_HEADERS = "cors-headers";
  static final String METRICS = "metrics";
  static final String REQUEST_PROGRESS = "request-progress";
  static final String DECODER_FAILURE = "decoder-failure";
  static final String KEEP_ALIVE = "keep-alive";
  static final String BODY_REFUSAL = "body-refusal";
  static final String AGGREGATOR = "aggregator";
  static final String CHUNKED_WRITER = "chunked-writer";
  static final String PREFLIGHT = "cors-preflight";
  static final String ROUTER = "router";

  /**
   * Handlers that only make sense for HTTP/1.1 requests and must go when the connection upgrades
   * (the connection watch stays, with its idle clock ended).
   */
  static final String[] HTTP_ONLY = {
    BACKPRESSURE, HEADER_DEADLINE, REQUEST_PROGRESS, DECODER_FAILURE, KEEP_ALIVE, BODY_REFUSAL, PREFLIGHT
  };

  private PipelineNames() {}
}
