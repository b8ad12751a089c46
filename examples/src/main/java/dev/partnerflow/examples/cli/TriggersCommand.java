package dev.partnerflow.examples.cli;

import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code partnerflow triggers}: the trigger catalog as a table. */
@Command(name = "triggers", mixinStandardHelpOptions = true,
    description = "Lists the trigger types on the class path (the 18 partner triggers and any host trigger): wire"
        + " name, display name, group and config fields with their defaults. Exit 0.")
final class TriggersCommand extends CliCommand {

  @Override
  int execute() {
    try (PartnerflowCli.Engine engine = PartnerflowCli.engine()) {
      List<NodeType<?>> triggers = engine.test().engine().registry().types().stream()
          .filter(t -> t.kind() == NodeKind.TRIGGER)
          .sorted(Comparator.comparing((NodeType<?> t) -> t.documentation().group()).thenComparing(NodeType::name))
          .toList();
      TextTable table = new TextTable(List.of("TRIGGER", "DISPLAY NAME", "GROUP", "CONFIG"));
      for (NodeType<?> t : triggers) {
        table.row(List.of(t.name(), t.documentation().displayName(), t.documentation().group(), configFields(t)));
      }
      table.print(out());
      return PartnerflowCli.OK;
    }
  }

  /** {@code days: Integer = 30, ...} from the config record's components and the default config. */
  static String configFields(NodeType<?> type) {
    Class<?> c = type.configType();
    if (!c.isRecord() || c.getRecordComponents().length == 0) {
      return "-";
    }
    Object defaults = type.defaultConfig();
    List<String> fields = new ArrayList<>();
    for (RecordComponent rc : c.getRecordComponents()) {
      String field = rc.getName() + ": " + rc.getType().getSimpleName();
      try {
        Object value = defaults == null ? null : rc.getAccessor().invoke(defaults);
        if (value != null) {
          field += " = " + value;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // no default shown
      }
      fields.add(field);
    }
    return String.join(", ", fields);
  }
}
