package dev.partnerflow.spring.boot;

import dev.partnerflow.web.PartnerflowHttpHandler;
import dev.partnerflow.web.PartnerflowServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Mounts the {@link PartnerflowHttpHandler} in a servlet web application (Spring MVC or any other servlet stack)
 * with {@code partnerflow-web}'s own {@link PartnerflowServlet}, registered twice:
 *
 * <ul>
 *   <li>{@code partnerflowApiServlet}: the picker and PPTX export stream endpoints at their documented paths
 *       ({@link #API_PATHS}, exact mappings at the root of the application);</li>
 *   <li>{@code partnerflowDashboardServlet}: the workflows dashboard under {@code partnerflow.http.dashboard-path}
 *       (default {@value PartnerflowProperties.Http#DEFAULT_DASHBOARD_PATH}), so the list page is at
 *       {@code /partnerflow/}; its pages build their links from that prefix (and the servlet context path).</li>
 * </ul>
 *
 * Both are asynchronous, so the export stream and the live run panel hold no servlet thread while they wait. As
 * servlet mappings they take those paths before Spring MVC's {@code DispatcherServlet}; set
 * {@code partnerflow.http.enabled=false} to mount the handler bean yourself. Spring Security and other filters mapped
 * to {@code /*} see these requests as usual.
 *
 * @since 0.1
 */
@AutoConfiguration(after = PartnerflowHttpAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({PartnerflowServlet.class, ServletRegistrationBean.class})
@ConditionalOnBean(PartnerflowHttpHandler.class)
@ConditionalOnProperty(prefix = "partnerflow.http", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PartnerflowProperties.class)
public class PartnerflowWebMvcAutoConfiguration {
  /** The endpoints mounted at the application's root, as documented: pickers and the PPTX export stream. */
  public static final List<String> API_PATHS = List.of(PartnerflowHttpHandler.SPECIALIZATIONS_PATH,
      PartnerflowHttpHandler.TRAININGS_PATH, PartnerflowHttpHandler.TRAINING_TAGS_PATH,
      PartnerflowHttpHandler.EXPORT_STREAM_PATH);

  /** The picker and export stream endpoints at their documented paths. */
  @Bean
  public ServletRegistrationBean<PartnerflowServlet> partnerflowApiServlet(PartnerflowHttpHandler handler) {
    ServletRegistrationBean<PartnerflowServlet> registration =
        new ServletRegistrationBean<>(new RootMountedServlet(handler), API_PATHS.toArray(String[]::new));
    registration.setName("partnerflowApi");
    registration.setAsyncSupported(true);
    return registration;
  }

  /** The workflows dashboard (and the same endpoints again) under {@code partnerflow.http.dashboard-path}. */
  @Bean
  public ServletRegistrationBean<PartnerflowServlet> partnerflowDashboardServlet(PartnerflowHttpHandler handler,
      PartnerflowProperties properties) {
    ServletRegistrationBean<PartnerflowServlet> registration = new ServletRegistrationBean<>(
        new PartnerflowServlet(handler), properties.getHttp().dashboardPrefix() + "/*");
    registration.setName("partnerflowDashboard");
    registration.setAsyncSupported(true);
    return registration;
  }

  /**
   * {@link PartnerflowServlet} for exact mappings at the application's root: the handler sees the whole path
   * ({@code /api/workflow-pickers/trainings}) below the servlet context, where the plain servlet would take the
   * mapping as its mount point and see no path at all.
   */
  static final class RootMountedServlet extends PartnerflowServlet {
    private static final long serialVersionUID = 1L;

    RootMountedServlet(PartnerflowHttpHandler handler) {
      super(handler);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
      super.service(new HttpServletRequestWrapper(req) {
        @Override
        public String getServletPath() {
          return "";
        }

        @Override
        public String getPathInfo() {
          return path;
        }
      }, resp);
    }
  }
}
