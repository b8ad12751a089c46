package dev.partnerflow.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** What the subcommands share: the parent (for the environment), stdout/stderr, and {@link PartnerflowCli.Exit}. */
abstract class CliCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  PartnerflowCli parent;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The ANSI setting of the command line ({@code Help.Ansi.AUTO} unless changed): on only on a real terminal. */
  CommandLine.Help.Ansi ansi() {
    return spec.commandLine().getColorScheme().ansi();
  }

  @Override
  public final Integer call() throws Exception {
    try {
      return execute();
    } catch (PartnerflowCli.Exit e) {
      err().println("partnerflow " + spec.name() + ": " + e.getMessage());
      return e.code;
    } finally {
      out().flush();
      err().flush();
    }
  }

  abstract int execute() throws Exception;
}
