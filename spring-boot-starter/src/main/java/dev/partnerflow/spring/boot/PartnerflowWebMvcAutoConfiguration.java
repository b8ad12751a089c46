package dev.partnerflow.spring.boot;

import dev.partnerflow.core.http.PartnerflowHttpHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Mounts the {@link PartnerflowHttpHandler} endpoints (pickers, PPTX export stream) in Spring MVC at their
 * documented paths, when the application is a servlet web application and the handler bean exists. The export
 * stream uses an asynchronous servlet request, so no servlet thread is held while it waits.
 *
 * @since 0.1
 */
@AutoConfiguration(after = PartnerflowAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(PartnerflowHttpHandler.class)
@ConditionalOnProperty(prefix = "partnerflow.http", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PartnerflowWebMvcAutoConfiguration {
  /** Order of the handler mapping: right after annotated controllers, so a host controller at the same path wins. */
  public static final int ORDER = 1;

  @Bean
  public SimpleUrlHandlerMapping partnerflowHandlerMapping(PartnerflowHttpHandler handler) {
    PartnerflowMvcHandler mvc = new PartnerflowMvcHandler(handler);
    Map<String, Object> urls = new LinkedHashMap<>();
    for (String path : new String[] {PartnerflowHttpHandler.SPECIALIZATIONS_PATH,
        PartnerflowHttpHandler.TRAININGS_PATH, PartnerflowHttpHandler.TRAINING_TAGS_PATH,
        PartnerflowHttpHandler.EXPORT_STREAM_PATH}) {
      urls.put(path, mvc);
    }
    return new SimpleUrlHandlerMapping(urls, ORDER);
  }
}
