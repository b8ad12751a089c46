package dev.partnerflow.steps;

import dev.partnerflow.core.nodes.StepFailedException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EmailSender} that speaks SMTP (Angus Mail). The step's idempotency key becomes the Message-ID
 * ({@code <run-1%3Awelcome@partnerflow.invalid>}), so a retried send can be recognised by the receiving side.
 *
 * <pre>{@code
 * EmailSender smtp = SmtpEmailSender.builder()
 *     .host("smtp.example.com").port(587).security(SmtpEmailSender.Security.STARTTLS)
 *     .credentials("partnerflow", System.getenv("SMTP_PASSWORD"))
 *     .from("Partner Team <partners@vendor.example>")
 *     .build();
 * }</pre>
 *
 * <p>Failures: a 4xx SMTP reply or a connection problem is retryable; a 5xx reply, a refused address or failed
 * authentication is permanent. One connection per message; thread-safe.
 *
 * <p>Stability: public API.
 *
 * @since 0.1
 */
public final class SmtpEmailSender implements EmailSender {
  /** The submission port. */
  public static final int DEFAULT_PORT = 587;
  public static final Security DEFAULT_SECURITY = Security.STARTTLS;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /** Message-ID domain when neither {@link Builder#messageIdDomain} nor a from address gives one. */
  public static final String DEFAULT_MESSAGE_ID_DOMAIN = "partnerflow.invalid";

  private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

  /** How the connection is protected. */
  public enum Security {
    /** Plain SMTP: only for a local relay or a test server. */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is required (port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465). */
    TLS
  }

  private final String host;
  private final int port;
  private final Security security;
  private final String username;
  private final String password;
  private final InternetAddress from;
  private final String messageIdDomain;
  private final Clock clock;
  private final Session session;

  private SmtpEmailSender(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.security = b.security;
    this.username = b.username;
    this.password = b.password;
    this.from = b.from;
    this.messageIdDomain = b.messageIdDomain != null ? b.messageIdDomain
        : from.getAddress().substring(from.getAddress().indexOf('@') + 1);
    this.clock = b.clock;
    String protocol = security == Security.TLS ? "smtps" : "smtp";
    Properties p = new Properties();
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", host);
    p.put("mail." + protocol + ".port", String.valueOf(port));
    p.put("mail." + protocol + ".connectiontimeout", String.valueOf(b.connectTimeout.toMillis()));
    p.put("mail." + protocol + ".timeout", String.valueOf(b.readTimeout.toMillis()));
    p.put("mail." + protocol + ".writetimeout", String.valueOf(b.readTimeout.toMillis()));
    p.put("mail." + protocol + ".auth", String.valueOf(username != null));
    if (security == Security.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (security != Security.NONE) {
      p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(p);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void send(EmailMessage m) {
    String messageId = messageId(m.idempotencyKey());
    try {
      MimeMessage msg = new FixedIdMessage(session, messageId);
      msg.setFrom(m.from().isPresent() ? new InternetAddress(m.from().get(), true) : from);
      msg.setRecipients(Message.RecipientType.TO, addresses(m.to()));
      if (!m.cc().isEmpty()) {
        msg.setRecipients(Message.RecipientType.CC, addresses(m.cc()));
      }
      if (!m.bcc().isEmpty()) {
        msg.setRecipients(Message.RecipientType.BCC, addresses(m.bcc()));
      }
      if (m.replyTo().isPresent()) {
        msg.setReplyTo(new InternetAddress[] {new InternetAddress(m.replyTo().get(), true)});
      }
      msg.setSubject(m.subject(), StandardCharsets.UTF_8.name());
      msg.setSentDate(Date.from(clock.instant()));
      if (m.text().isPresent() && m.html().isPresent()) {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(m.text().get(), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(m.html().get(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        msg.setContent(alternative);
      } else if (m.html().isPresent()) {
        msg.setText(m.html().get(), StandardCharsets.UTF_8.name(), "html");
      } else {
        msg.setText(m.text().orElseThrow(), StandardCharsets.UTF_8.name());
      }
      msg.saveChanges();
      try (Transport transport = session.getTransport()) {
        transport.connect(host, port, username, password);
        transport.sendMessage(msg, msg.getAllRecipients());
      }
      log.info("Sent email via SMTP {}:{} to {} recipient(s), Message-ID {}", host, port, m.allRecipients().size(),
          messageId);
    } catch (AuthenticationFailedException e) {
      throw StepFailedException.permanent("SMTP server " + host + ":" + port + " refused the credentials of user '"
          + username + "'; check SmtpEmailSender.builder().credentials(...)");
    } catch (SMTPSendFailedException e) {
      int code = e.getReturnCode();
      String message = "SMTP server " + host + ":" + port + " refused the message with " + code + ": "
          + firstLine(e.getMessage());
      throw code >= 400 && code < 500 ? StepFailedException.retryable(message) : StepFailedException.permanent(message);
    } catch (SendFailedException e) {
      boolean invalid = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
      String message = "SMTP server " + host + ":" + port + " did not accept the message: " + firstLine(e.getMessage());
      throw invalid ? StepFailedException.permanent(message) : StepFailedException.retryable(message);
    } catch (MessagingException e) {
      throw StepFailedException.retryable("SMTP server " + host + ":" + port + " could not be reached or failed ("
          + security + "): " + firstLine(e.getMessage()));
    }
  }

  /** {@code <key with non-atext characters percent-encoded @ domain>}. */
  String messageId(String idempotencyKey) {
    StringBuilder sb = new StringBuilder("<");
    for (byte b : idempotencyKey.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.+=".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return sb.append('@').append(messageIdDomain).append('>').toString();
  }

  private static InternetAddress[] addresses(List<String> list) throws MessagingException {
    InternetAddress[] out = new InternetAddress[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new InternetAddress(list.get(i), true);
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** Keeps the Message-ID we chose instead of generating one. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /** Options of an {@link SmtpEmailSender}; {@link #host} and {@link #from} are required. */
  public static final class Builder {
    private String host;
    private int port = DEFAULT_PORT;
    private Security security = DEFAULT_SECURITY;
    private String username;
    private String password;
    private InternetAddress from;
    private String messageIdDomain;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The SMTP server's host name; required. */
    public Builder host(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("smtp.host must not be blank, but was '" + value + "'");
      }
      this.host = value.trim();
      return this;
    }

    /** Default {@link #DEFAULT_PORT}; 1 to 65535. */
    public Builder port(int value) {
      if (value < 1 || value > 65535) {
        throw new IllegalArgumentException("smtp.port must be between 1 and 65535, but was " + value);
      }
      this.port = value;
      return this;
    }

    /** Default {@link #DEFAULT_SECURITY}. */
    public Builder security(Security value) {
      this.security = Objects.requireNonNull(value, "smtp.security must not be null");
      return this;
    }

    /** User and password for SMTP AUTH; none by default. The password is never logged. */
    public Builder credentials(String user, String pass) {
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException("smtp.username must not be blank, but was '" + user + "'");
      }
      this.username = user;
      this.password = Objects.requireNonNull(pass, "smtp.password must not be null");
      return this;
    }

    /** The default sender, e.g. {@code Partner Team <partners@vendor.example>}; required. */
    public Builder from(String value) {
      try {
        this.from = new InternetAddress(Objects.requireNonNull(value, "smtp.from must not be null"), true);
        this.from.validate();
      } catch (jakarta.mail.internet.AddressException e) {
        throw new IllegalArgumentException("smtp.from must be an email address, but was '" + value + "'", e);
      }
      return this;
    }

    /** The domain of generated Message-IDs; default the from address's domain. */
    public Builder messageIdDomain(String value) {
      if (value == null || !value.matches("[A-Za-z0-9.-]{1,253}")) {
        throw new IllegalArgumentException("smtp.messageIdDomain must be a domain name, but was '" + value + "'");
      }
      this.messageIdDomain = value;
      return this;
    }

    /** Default {@link #DEFAULT_CONNECT_TIMEOUT}; positive. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive("smtp.connectTimeout", value);
      return this;
    }

    /** Default {@link #DEFAULT_READ_TIMEOUT}; positive. */
    public Builder readTimeout(Duration value) {
      this.readTimeout = positive("smtp.readTimeout", value);
      return this;
    }

    /** The clock of the Date header; default UTC system clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "smtp.clock must not be null");
      return this;
    }

    private static Duration positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }

    /** @throws IllegalStateException when host or from is missing */
    public SmtpEmailSender build() {
      if (host == null) {
        throw new IllegalStateException("smtp.host must be set; call SmtpEmailSender.builder().host(...)");
      }
      if (from == null) {
        throw new IllegalStateException("smtp.from must be set; call SmtpEmailSender.builder().from(...)");
      }
      return new SmtpEmailSender(this);
    }
  }
}
