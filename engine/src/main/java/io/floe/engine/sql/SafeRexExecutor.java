package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;

/**
 * Folds constant expressions while planning, unless folding fails. Calcite folds by compiling and
 * running Java; an expression that fails there ({@code 1/0} throws from a class initializer) is
 * left as written, so it fails where it runs, with the error DuckDB reports for it, and only if a
 * row reaches it.
 */
final class SafeRexExecutor implements RexExecutor {
  private final RexExecutor delegate;

  SafeRexExecutor(RexExecutor delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override public void reduce(RexBuilder rexBuilder, List<RexNode> constExps,
      List<RexNode> reducedValues) {
    int before = reducedValues.size();
    try {
      delegate.reduce(rexBuilder, constExps, reducedValues);
    } catch (Exception | LinkageError | StackOverflowError e) {
      // ExceptionInInitializerError is a LinkageError; anything folding throws means "do not fold".
      while (reducedValues.size() > before) {
        reducedValues.remove(reducedValues.size() - 1);
      }
      reducedValues.addAll(constExps);
    }
  }
}
