package dev.partnerflow.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mounts a {@link PartnerflowHttpHandler} in any Jakarta Servlet 5+ container (Tomcat, Jetty, Undertow, Spring MVC's
 * embedded server). Map it to a path ending in {@code /*} and enable async support (the streams write after
 * {@code service} returns):
 *
 * <pre>{@code
 * ServletRegistration.Dynamic reg = servletContext.addServlet("partnerflow", new PartnerflowServlet(handler));
 * reg.addMapping("/partnerflow/*");
 * reg.setAsyncSupported(true);
 * }</pre>
 *
 * <p>Needs {@code jakarta.servlet-api} on the classpath (the container provides it); the web module does not bring
 * it along.
 *
 * @since 0.1.0
 */
public class PartnerflowServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient PartnerflowHttpHandler handler;

  public PartnerflowServlet(PartnerflowHttpHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler must not be null");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String mount = req.getContextPath() + req.getServletPath();
    String path = req.getPathInfo();
    if (path == null) {
      resp.setHeader("Location", mount + "/");
      resp.setStatus(308);
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
    }
    HttpRequestView request = new HttpRequestView(req.getMethod(), mount, path, req.getQueryString(), headers,
        req.getInputStream());
    HttpResponseSink response = new HttpResponseSink() {
      @Override
      public void header(String name, String value) {
        resp.addHeader(name, value);
      }

      @Override
      public OutputStream start(int status, long length) throws IOException {
        resp.setStatus(status);
        if (length != UNKNOWN_LENGTH) {
          resp.setContentLengthLong(length);
          return resp.getOutputStream();
        }
        // a stream: keep the response open after service() returns; closing the body completes it
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        resp.flushBuffer();
        return new FilterOutputStream(resp.getOutputStream()) {
          private boolean closed;

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            if (!closed) {
              closed = true;
              try {
                out.flush();
              } finally {
                async.complete();
              }
            }
          }
        };
      }
    };
    handler.handle(request, response);
  }
}
