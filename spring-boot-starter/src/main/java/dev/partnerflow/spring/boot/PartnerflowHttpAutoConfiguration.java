package dev.partnerflow.spring.boot;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.web.Authenticator;
import dev.partnerflow.web.PartnerflowHttpHandler;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link PartnerflowHttpHandler} of {@code partnerflow-web}, when that module is on the class path and the host
 * says who the caller is (an {@link Authenticator} bean): the workflows dashboard over the engine, plus the picker
 * endpoints when a {@link PickersService} exists and the PPTX export stream when {@link ExportStreams} exist (both
 * from {@link PartnerflowAutoConfiguration}). In a servlet web application {@link PartnerflowWebMvcAutoConfiguration}
 * mounts it; elsewhere mount the bean yourself ({@code JdkHttpServerAdapter}). {@code partnerflow.http.read-only}
 * makes the dashboard show only; {@code partnerflow.http.csrf-secret} is the key of its form tokens, shared by every
 * instance behind a load balancer (random per instance when unset). Its own class, so that a host
 * without {@code partnerflow-web} never loads a type of it; backs off when the host defines its own handler.
 *
 * @since 0.1
 */
@AutoConfiguration(after = PartnerflowAutoConfiguration.class)
@ConditionalOnClass(PartnerflowHttpHandler.class)
public class PartnerflowHttpAutoConfiguration {
  /** The shortest {@code partnerflow.http.csrf-secret} accepted, as {@code PartnerflowHttpHandler} requires. */
  static final int MIN_CSRF_SECRET_BYTES = 16;

  private static final Logger log = LoggerFactory.getLogger(PartnerflowHttpAutoConfiguration.class);

  /** One handler for everything Partnerflow answers over HTTP; closed with the context (its run stream thread). */
  @Bean
  @ConditionalOnBean({Authenticator.class, WorkflowEngine.class})
  @ConditionalOnMissingBean
  public PartnerflowHttpHandler partnerflowHttpHandler(Authenticator authenticator, WorkflowEngine engine,
      ObjectProvider<PickersService> pickers, ObjectProvider<ExportStreams> exportStreams,
      PartnerflowProperties properties) {
    PartnerflowProperties.Http http = properties.getHttp();
    PartnerflowHttpHandler.Builder handler = PartnerflowHttpHandler.builder().authenticator(authenticator)
        .dashboard(engine).readOnly(http.isReadOnly());
    String secret = http.getCsrfSecret();
    if (secret == null || secret.isEmpty()) {
      if (!http.isReadOnly()) {
        log.info("partnerflow.http.csrf-secret is not set: the dashboard's forms only post to the instance that "
            + "rendered them; give every instance behind a load balancer the same secret");
      }
    } else {
      byte[] key = secret.getBytes(StandardCharsets.UTF_8);
      if (key.length < MIN_CSRF_SECRET_BYTES) {
        // the message names the length only, never the value
        throw new IllegalStateException("partnerflow.http.csrf-secret must be at least " + MIN_CSRF_SECRET_BYTES
            + " bytes (UTF-8), but has " + key.length + "; use a long random string shared by every instance");
      }
      handler.csrfSecret(key);
    }
    pickers.ifAvailable(handler::pickers);
    exportStreams.ifAvailable(handler::exportStreams);
    return handler.build();
  }
}
