package dev.partnerflow.spring.boot;

import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.SampleDataProvider;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStatusPoller;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.core.pickers.SpecializationSource;
import dev.partnerflow.core.pickers.TrainingSource;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.PublishedTrainings;
import dev.partnerflow.steps.RecordUpdater;
import dev.partnerflow.steps.SmtpEmailSender;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.steps.TrainingAssigner;
import dev.partnerflow.triggers.PartnerDirectory;
import dev.partnerflow.triggers.PartnerSchedule;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a started {@link WorkflowEngine} from {@code partnerflow.*} properties and the host's beans.
 *
 * <ul>
 *   <li>the stores: {@code partnerflow.store-url} when set; else, with {@code partnerflow-jdbc} on the class path
 *       and a {@link DataSource} bean, the JDBC stores on that data source
 *       ({@code WorkflowEngine.builder().dataSource(ds)}, never closed by Partnerflow); else {@code memory:}.
 *       {@code partnerflow.store.migrate} and {@code partnerflow.store.retention} become the store properties
 *       {@code schema.migrate} and {@code retention};</li>
 *   <li>{@link SmtpEmailSender} from {@code spring.mail.host/port/username/password/properties} and
 *       {@code partnerflow.mail.from}, when {@code spring.mail.host} is set and no {@link EmailSender} bean
 *       exists;</li>
 *   <li>{@link StandardSteps} with the {@link EmailSender}, {@link RecordUpdater}, {@link TrainingAssigner} and
 *       {@link PublishedTrainings} beans that exist;</li>
 *   <li>the engine with every {@link NodeTypeProvider}, {@link NodeType}, {@link RunListener} and
 *       {@link WorkflowCheck} bean, the {@link SampleDataProvider} bean, then each
 *       {@link PartnerflowEngineCustomizer}; started with the context and closed on shutdown
 *       ({@link PartnerflowEngineLifecycle});</li>
 *   <li>{@link PickersService} when {@link SpecializationSource} and {@link TrainingSource} beans exist,
 *       {@link ExportStreams} when an {@link ExportStatusPoller} bean exists. The HTTP handler that serves them and
 *       the dashboard is made by {@link PartnerflowHttpAutoConfiguration} (with {@code partnerflow-web}).</li>
 * </ul>
 * Every bean backs off when the host defines its own of the same type.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "partnerflow", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PartnerflowProperties.class)
public class PartnerflowAutoConfiguration {
  /** The JDBC stores' store property for {@code partnerflow.store.migrate} ({@code JdbcStores.SCHEMA_MIGRATE}). */
  static final String SCHEMA_MIGRATE = "schema.migrate";
  /** The JDBC stores' store property for {@code partnerflow.store.retention} ({@code JdbcStores.RETENTION}). */
  static final String RETENTION = "retention";

  /** The SMTP sender built from {@code spring.mail.*}; only when {@code spring.mail.host} is set. */
  @Bean
  @ConditionalOnProperty(prefix = "spring.mail", name = "host")
  @ConditionalOnMissingBean(EmailSender.class)
  public SmtpEmailSender partnerflowSmtpEmailSender(Environment environment, PartnerflowProperties properties) {
    Binder binder = Binder.get(environment);
    String host = environment.getRequiredProperty("spring.mail.host");
    SmtpEmailSender.Builder smtp = SmtpEmailSender.builder().host(host);
    binder.bind("spring.mail.port", Integer.class).ifBound(smtp::port);
    String user = environment.getProperty("spring.mail.username");
    if (user != null && !user.isBlank()) {
      smtp.credentials(user, environment.getProperty("spring.mail.password", ""));
    }
    Map<String, String> javaMail = binder.bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of());
    SmtpEmailSender.Security security = properties.getMail().getSecurity();
    if (security == null) {
      if (isTrue(javaMail.get("mail.smtp.ssl.enable")) || "smtps".equalsIgnoreCase(
          environment.getProperty("spring.mail.protocol"))) {
        security = SmtpEmailSender.Security.TLS;
      } else if (isTrue(javaMail.get("mail.smtp.starttls.enable"))) {
        security = SmtpEmailSender.Security.STARTTLS;
      } else {
        security = SmtpEmailSender.Security.NONE;
      }
    }
    smtp.security(security);
    String from = properties.getMail().getFrom();
    if (from == null || from.isBlank()) {
      throw new IllegalStateException("partnerflow.mail.from must be set when spring.mail.host is set (it is '"
          + host + "'): the sender address of Partnerflow emails, e.g. "
          + "partnerflow.mail.from=Partner Team <partners@vendor.example>");
    }
    return smtp.from(from).build();
  }

  private static boolean isTrue(String value) {
    return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
  }

  /** The standard steps with whichever collaborators the host provides. */
  @Bean
  @ConditionalOnMissingBean
  public StandardSteps partnerflowStandardSteps(PartnerflowProperties properties,
      ObjectProvider<EmailSender> emailSender, ObjectProvider<RecordUpdater> recordUpdater,
      ObjectProvider<TrainingAssigner> trainingAssigner, ObjectProvider<PublishedTrainings> publishedTrainings) {
    StandardSteps.Builder steps = StandardSteps.builder();
    emailSender.ifUnique(steps::emailSender);
    recordUpdater.ifUnique(steps::recordUpdater);
    trainingAssigner.ifUnique(steps::trainingAssigner);
    publishedTrainings.ifUnique(steps::publishedTrainings);
    steps.distributionLists(properties.getSteps().getDistributionLists());
    if (properties.getSteps().getSlackBaseUrl() != null) {
      steps.slackBaseUrl(properties.getSteps().getSlackBaseUrl());
    }
    return steps.build();
  }

  /** The engine; closed by {@link PartnerflowEngineLifecycle} (and on bean destruction, idempotently). */
  @Bean
  @ConditionalOnMissingBean
  public WorkflowEngine partnerflowEngine(PartnerflowProperties properties,
      ObjectProvider<NodeTypeProvider> providers, ObjectProvider<NodeType<?>> types,
      ObjectProvider<RunListener> listeners, ObjectProvider<WorkflowCheck> checks,
      ObjectProvider<SampleDataProvider> sampleData, ObjectProvider<PartnerDirectory> partnerDirectory,
      ObjectProvider<PartnerflowEngineCustomizer> customizers) {
    WorkflowEngine.Builder builder = WorkflowEngine.builder();
    if (properties.getStoreUrl() != null) {
      builder.storeUrl(properties.getStoreUrl().strip());
    }
    builder.storeProperty(SCHEMA_MIGRATE, Boolean.toString(properties.getStore().isMigrate()));
    if (properties.getStore().getRetention() != null) {
      builder.storeProperty(RETENTION, properties.getStore().getRetention().toString());
    }
    builder.workerThreads(properties.getWorkerThreads())
        .stepTimeout(properties.getStepTimeout())
        .lease(properties.getLease())
        .pollInterval(properties.getPollInterval())
        .shutdownGrace(properties.getShutdownGrace())
        .discoverNodeTypes(properties.isDiscoverNodeTypes());
    providers.orderedStream().forEach(builder::nodeTypes);
    types.orderedStream().forEach(builder::nodeType);
    listeners.orderedStream().forEach(builder::listener);
    checks.orderedStream().forEach(builder::check);
    sampleData.ifUnique(builder::sampleData);
    // the host's partner directory makes "partner inactive" and "contract renewal approaching" fire by themselves
    partnerDirectory.ifUnique(directory -> builder.scheduledTriggers(PartnerSchedule.of(directory)));
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /**
   * The stores on the application's {@link DataSource}, when {@code partnerflow-jdbc} is on the class path, the
   * context has one primary data source and {@code partnerflow.store-url} is not set. Applied before the host's
   * customizers, so one that calls {@code stores(...)} still wins.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.partnerflow.jdbc.JdbcStores")
  @ConditionalOnSingleCandidate(DataSource.class)
  static class DataSourceStoreConfiguration {
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    PartnerflowEngineCustomizer partnerflowDataSourceStore(PartnerflowProperties properties,
        ObjectProvider<DataSource> dataSource) {
      return builder -> {
        if (properties.getStoreUrl() == null) {
          builder.dataSource(dataSource.getObject());
        }
      };
    }
  }

  @Bean
  @ConditionalOnMissingBean
  public PartnerflowEngineLifecycle partnerflowEngineLifecycle(WorkflowEngine engine) {
    return new PartnerflowEngineLifecycle(engine);
  }

  /** The workflow builder's pickers over the host's sources. */
  @Bean
  @ConditionalOnBean({SpecializationSource.class, TrainingSource.class})
  @ConditionalOnMissingBean
  public PickersService partnerflowPickersService(SpecializationSource specializations, TrainingSource trainings) {
    return PickersService.builder().specializations(specializations).trainings(trainings).build();
  }

  /** The PPTX export progress streams over the host's poller. */
  @Bean
  @ConditionalOnBean(ExportStatusPoller.class)
  @ConditionalOnMissingBean
  public ExportStreams partnerflowExportStreams(ExportStatusPoller poller) {
    return ExportStreams.builder().poller(poller).build();
  }
}
