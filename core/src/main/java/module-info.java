/**
 * Partnerflow core: graph model, JSON format, validation, node-type registry, engine, stores, templates, pickers
 * and export streams. Everything HTTP is in the {@code dev.partnerflow.web} module.
 *
 * <p>Only the packages exported here are public API. Every {@code ...internal} package is an implementation detail
 * that may change in any release; it is not exported, so code outside this module cannot compile or link against it.
 *
 * @since 0.1
 */
module dev.partnerflow.core {
  // Hosts annotate their node config records with Bean Validation constraints and read JSON with our types.
  requires transitive jakarta.validation;
  // StoreConfig carries a host DataSource to store providers.
  requires transitive java.sql;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.hibernate.validator;
  requires org.slf4j;
  requires com.samskivert.jmustache;

  exports dev.partnerflow.core;
  exports dev.partnerflow.core.condition;
  exports dev.partnerflow.core.control;
  exports dev.partnerflow.core.engine;
  exports dev.partnerflow.core.event;
  exports dev.partnerflow.core.export;
  exports dev.partnerflow.core.json;
  exports dev.partnerflow.core.model;
  exports dev.partnerflow.core.nodes;
  exports dev.partnerflow.core.pickers;
  exports dev.partnerflow.core.run;
  exports dev.partnerflow.core.schedule;
  exports dev.partnerflow.core.store;
  exports dev.partnerflow.core.template;
  exports dev.partnerflow.core.testing;
  exports dev.partnerflow.core.validation;

  // Config records of the control nodes (delay, branch) and the branch condition: bound by Jackson, validated by
  // Hibernate Validator, both reflectively.
  opens dev.partnerflow.core.control to com.fasterxml.jackson.databind, org.hibernate.validator;
  opens dev.partnerflow.core.condition to com.fasterxml.jackson.databind, org.hibernate.validator;
  // The condition's JSON (de)serializer, named by @JsonSerialize/@JsonDeserialize on Condition: Jackson
  // instantiates it. Opened to Jackson only; not exported, so still no API.
  opens dev.partnerflow.core.condition.internal to com.fasterxml.jackson.databind;

  uses dev.partnerflow.core.nodes.NodeTypeProvider;
  uses dev.partnerflow.core.store.StoreProvider;

  provides dev.partnerflow.core.store.StoreProvider with dev.partnerflow.core.store.internal.MemoryStoreProvider;
}
