package dev.partnerflow.generator.internal;

import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the trigger of a description: first the standard triggers' synonyms (most specific first, each used
 * only when the registry has that type), then any registered trigger whose display name or example phrase is
 * contained in the text, content word by content word.
 */
final class Triggers {
  /** Synonyms of the standard triggers, in the order they are tried: specific before general. */
  private static final Map<String, Pattern> SYNONYMS = new LinkedHashMap<>();

  static {
    syn("manual", "\\bmanual(ly)?\\b|\\bby hand\\b|\\bon demand\\b|\\brun once\\b|\\bwhen i (start|run|trigger) it\\b");
    syn("mdf_request_submitted", "\\bmdf\\b|\\bmarket(ing)? development\\b|\\bmarketing funds?\\b");
    syn("contract_renewal_approaching", "\\brenew(al|als|s|ing|ed)?\\b|\\bcontract (is )?(expir\\w*|ending|ends)\\b");
    syn("partner_inactive", "\\binactiv\\w*\\b|\\bquiet\\b|\\bdormant\\b|\\bno (recorded )?activity\\b|\\bidle\\b"
        + "|\\bnot been active\\b|\\bdisengag\\w*\\b|\\bsilent\\b|\\bnot active\\b|\\bwithout (any )?activity\\b"
        + "|\\bgone dark\\b|\\bstopped engaging\\b|\\bnot logged in\\b");
    syn("deal_registration_declined", "\\bdeal\\b.*\\b(declined?|rejected?|denied|turned down)\\b"
        + "|\\b(declines?|rejects?|denies|decline|reject)\\b.*\\bdeal");
    syn("deal_registration_approved", "\\bdeal\\b.*\\b(approved?|accepted)\\b|\\b(approves?|accepts?)\\b.*\\bdeal");
    syn("deal_closed_lost", "\\bdeal\\b.*\\b(lost|loses|lose)\\b|\\bclosed lost\\b|\\blose a deal\\b");
    syn("deal_closed_won", "\\bdeal\\b.*\\b(won|wins|win|closes)\\b|\\bclosed won\\b|\\bwins? a deal\\b");
    syn("deal_registered", "\\bdeals?\\b.*\\b(regist\\w*|submit\\w*|comes in)\\b|\\bregist\\w* (a |new |their )?deal"
        + "|\\bnew deal\\b|\\bsubmits? (a )?deal|\\bdeal registration\\b");
    syn("application_submitted", "\\bappl(y|ies|ied|ication|ications|icant)\\b");
    syn("partner_payment_made", "\\bpa(id|yment|yments|yout|youts)\\b|\\bcommission\\b");
    syn("partner_certification_completed", "\\bcertifi\\w*\\b|\\b(complete|completes|completed|finish|finishes"
        + "|finished|passes|passed) (a |the |their |an )?(\\w+ )?(training|course|program|exam)\\b");
    syn("partner_agreement_signed", "\\bagreement\\b|\\bcountersign\\w*\\b|\\bcontract (is |gets )?signed\\b"
        + "|\\bsigns? (the |a |their )?contract\\b");
    syn("partner_tier_changed", "\\btiers?\\b|\\bupgraded?\\b|\\bdowngraded?\\b|\\bpromoted\\b"
        + "|\\b(reaches|becomes|moves to) (gold|silver|platinum|bronze)\\b");
    syn("partner_stage_changed", "\\bstages?\\b|\\bbecomes? active\\b|\\bmoves? (from \\w+ )?to\\b|\\bgoes from\\b");
    syn("contact_added_to_partner", "\\bnew contacts?\\b|\\bcontacts? (is |are |gets |get )?added\\b"
        + "|\\badd(ed|s)? (a |new )?contacts?\\b|\\bjoins (a |the )?partner (organi[sz]ation|team|company)\\b"
        + "|\\bcontact joins\\b|\\bsomeone joins\\b");
    syn("partner_joined_platform", "\\bportal\\b|\\bjoin(s|ed)? (the )?platform\\b|\\blogs? in for the first time\\b"
        + "|\\bfirst login\\b");
    syn("partner_created", "\\bnew partners?\\b|\\bpartners? (is |are |gets |get |was |has been )?(created|added"
        + "|onboarded|signed up)\\b|\\badd(s|ed)? a (new )?partner\\b|\\bpartner record (is )?(created|added)\\b"
        + "|\\bnewly created partner\\b|\\bpartner signs up\\b|\\bpartner created\\b|\\bcreate a partner\\b");
  }

  private static void syn(String wire, String regex) {
    SYNONYMS.put(wire, Pattern.compile(regex));
  }

  private static final Set<String> STOP = Set.of("when", "whenever", "a", "an", "the", "is", "are", "to", "of",
      "after", "once", "every", "each", "for", "on", "in", "it", "its", "their", "x", "we", "our", "someone", "by",
      "with", "and", "or", "new", "partner", "partners", "gets", "get", "has", "been");

  record Match(NodeType<?> type, String how) {}

  private final NodeTypeRegistry registry;
  private final List<NodeType<?>> hostTriggers = new ArrayList<>();

  Triggers(NodeTypeRegistry registry) {
    this.registry = registry;
    for (NodeType<?> type : registry.types()) {
      if (type.kind() == NodeKind.TRIGGER && !SYNONYMS.containsKey(type.name())) {
        hostTriggers.add(type);
      }
    }
    hostTriggers.sort((a, b) -> a.name().compareTo(b.name()));
  }

  /** The trigger a clause names, if any. */
  Optional<Match> find(String clause) {
    Optional<Match> host = documented(clause, hostTriggers, 2);
    if (host.isPresent()) {
      return host;
    }
    for (Map.Entry<String, Pattern> e : SYNONYMS.entrySet()) {
      Optional<NodeType<?>> type = registry.find(e.getKey());
      if (type.isPresent() && type.get().kind() == NodeKind.TRIGGER) {
        Matcher m = e.getValue().matcher(clause);
        if (m.find()) {
          return Optional.of(new Match(type.get(), "'" + m.group() + "'"));
        }
      }
    }
    List<NodeType<?>> all = registry.types().stream().filter(t -> t.kind() == NodeKind.TRIGGER)
        .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    return documented(clause, all, 2);
  }

  /**
   * The type one of whose documented phrases (display name or example phrase) has all its content words, at least
   * {@code minWords} of them, in the clause; the phrase with the most content words wins.
   */
  static Optional<Match> documented(String clause, List<NodeType<?>> types, int minWords) {
    Set<String> words = Set.copyOf(Vocabulary.words(clause));
    NodeType<?> best = null;
    String bestPhrase = null;
    int bestCount = 0;
    for (NodeType<?> type : types) {
      NodeDocumentation doc = type.documentation();
      List<String> phrases = new ArrayList<>(doc.examplePhrases());
      phrases.add(doc.displayName().replaceAll("\\(.*?\\)", ""));
      for (String phrase : phrases) {
        List<String> content = Vocabulary.words(phrase).stream().filter(w -> !STOP.contains(w)).toList();
        if (content.size() < minWords) {
          continue;
        }
        boolean all = content.stream().allMatch(w -> words.contains(w) || words.contains(w + "s")
            || (w.endsWith("s") && words.contains(w.substring(0, w.length() - 1))));
        if (all && content.size() > bestCount) {
          best = type;
          bestPhrase = phrase;
          bestCount = content.size();
        }
      }
    }
    return best == null ? Optional.empty() : Optional.of(new Match(best, "\"" + bestPhrase + "\" (its documentation)"));
  }
}
