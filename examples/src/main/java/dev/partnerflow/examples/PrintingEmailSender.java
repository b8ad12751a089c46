package dev.partnerflow.examples;

import dev.partnerflow.steps.EmailMessage;
import dev.partnerflow.steps.EmailSender;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EmailSender} for the examples: "delivers" each message by printing it (recipients, subject, text) and
 * keeps it in {@link #sent()}, so the programs need no mail server and their tests can look at what went out. A
 * real host passes {@code SmtpEmailSender} or its own sender instead; see {@code guide.RealSmtpWelcome}.
 */
public final class PrintingEmailSender implements EmailSender {
  private final PrintStream out;
  private final List<EmailMessage> sent = new CopyOnWriteArrayList<>();

  /** Prints to standard output. */
  public PrintingEmailSender() {
    this(System.out);
  }

  public PrintingEmailSender(PrintStream out) {
    this.out = out;
  }

  @Override
  public void send(EmailMessage m) {
    StringBuilder line = new StringBuilder("  -> email to ").append(m.to());
    if (!m.cc().isEmpty()) {
      line.append(" cc ").append(m.cc());
    }
    if (!m.bcc().isEmpty()) {
      line.append(" bcc ").append(m.bcc());
    }
    line.append(": ").append(m.subject());
    m.text().ifPresent(t -> line.append("\n     | ").append(t.replace("\n", "\n     | ")));
    out.println(line);
    sent.add(m);
  }

  /** The messages sent so far, in order. */
  public List<EmailMessage> sent() {
    return List.copyOf(sent);
  }
}
