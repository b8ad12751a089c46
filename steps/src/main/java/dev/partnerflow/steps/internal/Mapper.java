package dev.partnerflow.steps.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON mapper of the steps module (request bodies, Slack responses). */
public final class Mapper {
  public static final ObjectMapper JSON = JsonMapper.builder().build();

  private Mapper() {}
}
