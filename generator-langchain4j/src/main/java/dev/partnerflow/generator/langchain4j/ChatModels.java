package dev.partnerflow.generator.langchain4j;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * Chat models from settings, for command lines and quick setups. Environment variables read by
 * {@link #fromEnvironment(Map)}:
 *
 * <ul>
 *   <li>{@value #PROVIDER}: {@code openai} (default; any OpenAI-compatible server) or {@code anthropic}</li>
 *   <li>{@value #BASE_URL}: e.g. {@code http://127.0.0.1:11434/v1}; default the provider's public API</li>
 *   <li>{@value #API_KEY}: the key; required by the public APIs</li>
 *   <li>{@value #MODEL}: the model name; required</li>
 *   <li>{@value #TIMEOUT}: ISO-8601 duration per request, default {@code PT60S}</li>
 * </ul>
 */
public final class ChatModels {
  public static final String PROVIDER = "PARTNERFLOW_LLM_PROVIDER";
  public static final String BASE_URL = "PARTNERFLOW_LLM_BASE_URL";
  public static final String API_KEY = "PARTNERFLOW_LLM_API_KEY";
  public static final String MODEL = "PARTNERFLOW_LLM_MODEL";
  public static final String TIMEOUT = "PARTNERFLOW_LLM_TIMEOUT";
  /** Per-request timeout when none is set: 60 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private ChatModels() {}

  /** An OpenAI-compatible chat model at a base URL, without retries (the generator repairs and falls back). */
  public static ChatModel openAiCompatible(String baseUrl, String apiKey, String modelName, Duration timeout) {
    OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().apiKey(apiKey == null ? "none" : apiKey)
        .modelName(modelName).timeout(timeout).maxRetries(0);
    if (baseUrl != null && !baseUrl.isBlank()) {
      b.baseUrl(baseUrl);
    }
    return b.build();
  }

  /**
   * The model the environment describes.
   *
   * @throws IllegalArgumentException naming the missing or bad variable
   */
  public static ChatModel fromEnvironment(Map<String, String> env) {
    String model = env.get(MODEL);
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(MODEL + " must name the model (e.g. gpt-4o-mini), but is not set");
    }
    Duration timeout = env.containsKey(TIMEOUT) ? Duration.parse(env.get(TIMEOUT)) : DEFAULT_TIMEOUT;
    String provider = env.getOrDefault(PROVIDER, "openai");
    return switch (provider) {
      case "openai" -> openAiCompatible(env.get(BASE_URL), env.get(API_KEY), model, timeout);
      case "anthropic" -> {
        AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder().apiKey(env.get(API_KEY))
            .modelName(model).timeout(timeout).maxRetries(0);
        if (env.get(BASE_URL) != null) {
          b.baseUrl(env.get(BASE_URL));
        }
        yield b.build();
      }
      default -> throw new IllegalArgumentException(PROVIDER + " must be openai or anthropic, but was '" + provider
          + "'");
    };
  }
}
