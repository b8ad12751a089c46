package dev.partnerflow.steps;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real {@link EmailSender} that keeps the messages it is given, in order, instead of delivering them. */
final class RecordingEmailSender implements EmailSender {
  final List<EmailMessage> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(EmailMessage message) {
    sent.add(message);
  }
}
