package dev.partnerflow.steps.internal;

import dev.partnerflow.steps.EmailMessage;
import dev.partnerflow.steps.EmailSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs recipients and subject instead of sending; bodies are never logged. */
public enum LoggingEmailSender implements EmailSender {
  INSTANCE;

  private static final Logger log = LoggerFactory.getLogger(LoggingEmailSender.class);

  @Override
  public void send(EmailMessage m) {
    log.info("Email not sent (logging EmailSender; configure StandardSteps.builder().emailSender(...) to send): "
            + "to={} cc={} bcc={} subject='{}' idempotencyKey={}", m.to(), m.cc(), m.bcc(), m.subject(),
        m.idempotencyKey());
  }
}
