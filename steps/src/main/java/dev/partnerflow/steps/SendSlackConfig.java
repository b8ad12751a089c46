package dev.partnerflow.steps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Config of {@code send_slack}: a message posted through an incoming-webhook URL, or through the Web API
 * ({@code chat.postMessage}) with a bot token and a channel.
 *
 * <pre>{@code
 * {"webhookUrl": "https://hooks.slack.com/services/T000/B000/XXXX", "text": "New deal from {{partner.name}}"}
 * {"botToken": "xoxb-...", "channel": "#deals", "text": "New deal: {{deal.name}} ({{deal.amount}} {{deal.currency}})"}
 * }</pre>
 *
 * <p>{@code webhookUrl} and {@code botToken} are secrets: the engine redacts them from run records, and this
 * library never puts them in a message or a log line ({@link #toString()} hides them too).
 *
 * @param webhookUrl an incoming-webhook URL on {@code hooks.slack.com} (or the host's configured Slack base URL);
 *     exactly one of webhookUrl and botToken
 * @param botToken a bot token for the Web API; exactly one of webhookUrl and botToken
 * @param channel the channel ({@code #deals} or an id); required with a bot token, optional with a webhook
 * @param text the message (Slack mrkdwn), at most 40000 characters
 * @since 0.1
 */
public record SendSlackConfig(
    @Size(max = 2000) String webhookUrl,
    @Size(max = 500) String botToken,
    @Size(max = 80) String channel,
    @NotBlank @Size(max = 40_000) String text) {

  @JsonIgnore
  @AssertTrue(message = "send_slack must have exactly one of 'webhookUrl' and 'botToken'")
  public boolean isOneDestination() {
    return (webhookUrl != null && !webhookUrl.isBlank()) ^ (botToken != null && !botToken.isBlank());
  }

  @JsonIgnore
  @AssertTrue(message = "send_slack with a 'botToken' must name a 'channel'")
  public boolean isChannelGivenForToken() {
    return botToken == null || botToken.isBlank() || (channel != null && !channel.isBlank());
  }

  @Override
  public String toString() {
    return "SendSlackConfig[webhookUrl=" + (webhookUrl == null ? "null" : "<redacted>") + ", botToken="
        + (botToken == null ? "null" : "<redacted>") + ", channel=" + channel + ", text=" + text + "]";
  }
}
