package dev.partnerflow.core.export;

/**
 * One open export progress stream, as returned by {@link ExportStreams#open}. It ends by itself (completed, error,
 * timeout, or a failed write to the client); a host whose server reports client disconnects should call
 * {@link #cancel()} then, so polling stops at once rather than at the next write.
 *
 * <pre>{@code
 * ExportStream stream = streams.open(query, SseSink.of(response.getOutputStream()));
 * asyncContext.addListener(onClose(stream::cancel));
 * }</pre>
 */
public interface ExportStream {

  /** What this stream waits for. */
  ExportQuery query();

  /** Whether the stream is still polling. */
  boolean isOpen();

  /**
   * Stops the stream without sending a final event: cancels its polls, heartbeats and timeout and closes the sink.
   * Idempotent; does nothing on a stream that already ended.
   */
  void cancel();
}
