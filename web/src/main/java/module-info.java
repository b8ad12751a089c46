/**
 * Partnerflow web: everything HTTP. The picker endpoints, the PPTX export stream and the workflows dashboard behind
 * one server-neutral {@link dev.partnerflow.web.PartnerflowHttpHandler}, with adapters for the JDK
 * {@code HttpServer} ({@link dev.partnerflow.web.JdkHttpServerAdapter}) and Jakarta Servlet
 * ({@link dev.partnerflow.web.PartnerflowServlet}).
 *
 * <p>Only {@code dev.partnerflow.web} is public API; {@code dev.partnerflow.web.internal} may change in any release.
 *
 * @since 0.1
 */
module dev.partnerflow.web {
  requires transitive dev.partnerflow.core;
  requires transitive jdk.httpserver;
  // Only PartnerflowServlet needs it; the host's container provides it.
  requires static jakarta.servlet;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.partnerflow.web;
}
