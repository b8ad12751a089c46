package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * A deal registration or deal; the five deal triggers carry it under {@code deal}.
 *
 * <pre>{@code
 * Deal deal = Deal.builder("d-2001").name("Contoso data platform").amount(new BigDecimal("120000"))
 *     .currency("USD").stage("Registered").closeDate(LocalDate.of(2025, 9, 30)).customer("Contoso Ltd").build();
 * }</pre>
 *
 * <p>Data map keys: {@code id, name, amount (number), currency, stage, closeDate (ISO-8601 date), customer,
 * reason}; null fields are left out.
 *
 * @param id the host's deal id, required
 * @param name optional
 * @param amount deal value, at least 0, optional
 * @param currency ISO 4217 code such as "USD", optional
 * @param stage the host's deal stage, optional
 * @param closeDate expected or actual close date, optional
 * @param customer the end customer's name, optional
 * @param reason why a registration was declined or a deal lost, optional
 */
public record Deal(String id, String name, BigDecimal amount, String currency, String stage, LocalDate closeDate,
                   String customer, String reason) {
  public Deal {
    Checks.requireText("deal.id", id);
    Checks.requireNonNegative("deal.amount", amount);
    name = Checks.trimToNull(name);
    currency = Checks.trimToNull(currency);
    stage = Checks.trimToNull(stage);
    customer = Checks.trimToNull(customer);
    reason = Checks.trimToNull(reason);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** The event-data form of this deal. */
  public Map<String, Object> toMap() {
    return DataMap.create().put("id", id).put("name", name).put("amount", amount).put("currency", currency)
        .put("stage", stage).put("closeDate", closeDate).put("customer", customer).put("reason", reason).build();
  }

  /** Builds a {@link Deal}; only the id is required. */
  public static final class Builder {
    private final String id;
    private String name;
    private BigDecimal amount;
    private String currency;
    private String stage;
    private LocalDate closeDate;
    private String customer;
    private String reason;

    private Builder(String id) {
      this.id = Checks.requireText("deal.id", id);
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** @throws IllegalArgumentException when negative */
    public Builder amount(BigDecimal amount) {
      this.amount = Checks.requireNonNegative("deal.amount", amount);
      return this;
    }

    /** @throws IllegalArgumentException when negative */
    public Builder amount(long amount) {
      return amount(BigDecimal.valueOf(amount));
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder stage(String stage) {
      this.stage = stage;
      return this;
    }

    public Builder closeDate(LocalDate closeDate) {
      this.closeDate = closeDate;
      return this;
    }

    public Builder customer(String customer) {
      this.customer = customer;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Deal build() {
      return new Deal(id, name, amount, currency, stage, closeDate, customer, reason);
    }
  }
}
