package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.util.Map;

/**
 * A person: a partner's primary contact, its partner manager, a new contact, a certification holder.
 *
 * <pre>{@code
 * Person dana = Person.of("Dana Whitaker", "dana@northwind.example");
 * Person full = Person.builder().id("c-7").name("Dana Whitaker").email("dana@northwind.example")
 *     .title("VP Alliances").build();
 * }</pre>
 *
 * <p>Data map keys: {@code id, name, email, title, phone} (absent when null).
 *
 * @param id the host's id, optional
 * @param name full name; at least one of name and email is required
 * @param email address; at least one of name and email is required
 * @param title job title, optional
 * @param phone phone number, optional
 */
public record Person(String id, String name, String email, String title, String phone) {
  public Person {
    id = Checks.trimToNull(id);
    name = Checks.trimToNull(name);
    email = Checks.trimToNull(email);
    title = Checks.trimToNull(title);
    phone = Checks.trimToNull(phone);
    if (name == null && email == null) {
      throw new IllegalArgumentException("person.name or person.email must not be blank, but both were blank");
    }
  }

  /** A person known by name and email. */
  public static Person of(String name, String email) {
    return new Person(null, name, email, null, null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The event-data form of this person. */
  public Map<String, Object> toMap() {
    return DataMap.create().put("id", id).put("name", name).put("email", email).put("title", title)
        .put("phone", phone).build();
  }

  /** Builds a {@link Person}; every field optional except one of name and email. */
  public static final class Builder {
    private String id;
    private String name;
    private String email;
    private String title;
    private String phone;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder phone(String phone) {
      this.phone = phone;
      return this;
    }

    /** @throws IllegalArgumentException when both name and email are blank */
    public Person build() {
      return new Person(id, name, email, title, phone);
    }
  }
}
