package dev.partnerflow.spring.boot;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.web.Authenticator;
import dev.partnerflow.web.PartnerflowHttpHandler;
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
 * mounts it; elsewhere mount the bean yourself ({@code JdkHttpServerAdapter}). Its own class, so that a host
 * without {@code partnerflow-web} never loads a type of it; backs off when the host defines its own handler.
 *
 * @since 0.1
 */
@AutoConfiguration(after = PartnerflowAutoConfiguration.class)
@ConditionalOnClass(PartnerflowHttpHandler.class)
public class PartnerflowHttpAutoConfiguration {

  /** One handler for everything Partnerflow answers over HTTP; closed with the context (its run stream thread). */
  @Bean
  @ConditionalOnBean({Authenticator.class, WorkflowEngine.class})
  @ConditionalOnMissingBean
  public PartnerflowHttpHandler partnerflowHttpHandler(Authenticator authenticator, WorkflowEngine engine,
      ObjectProvider<PickersService> pickers, ObjectProvider<ExportStreams> exportStreams) {
    PartnerflowHttpHandler.Builder handler = PartnerflowHttpHandler.builder().authenticator(authenticator)
        .dashboard(engine);
    pickers.ifAvailable(handler::pickers);
    exportStreams.ifAvailable(handler::exportStreams);
    return handler.build();
  }
}
