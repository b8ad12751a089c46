package dev.partnerflow.spring.boot;

import dev.partnerflow.core.http.HttpRequestView;
import dev.partnerflow.core.http.HttpResponseSink;
import dev.partnerflow.core.http.PartnerflowHttpHandler;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.HttpRequestHandler;

/**
 * Adapts a servlet request to the server-neutral {@link PartnerflowHttpHandler}. A streamed response (unknown
 * length) starts asynchronous processing; closing the body completes it.
 *
 * @since 0.1
 */
public final class PartnerflowMvcHandler implements HttpRequestHandler {
  private final PartnerflowHttpHandler handler;

  public PartnerflowMvcHandler(PartnerflowHttpHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler must not be null");
  }

  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    HttpRequestView view = new HttpRequestView(request.getMethod(), path, request.getQueryString(), headers);
    handler.handle(view, new HttpResponseSink() {
      @Override
      public void header(String name, String value) {
        response.addHeader(name, value);
      }

      @Override
      public OutputStream start(int status, long length) throws IOException {
        response.setStatus(status);
        if (length != UNKNOWN_LENGTH) {
          response.setContentLengthLong(length);
          return response.getOutputStream();
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the export stream has its own timeout
        OutputStream body = response.getOutputStream();
        response.flushBuffer();
        AtomicBoolean done = new AtomicBoolean();
        return new FilterOutputStream(body) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            if (done.compareAndSet(false, true)) {
              try {
                out.flush();
              } finally {
                async.complete();
              }
            }
          }
        };
      }
    });
  }
}
