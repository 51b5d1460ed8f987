package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;

/**
 * Folds constant expressions while planning, unless folding would answer differently from DuckDB.
 * Calcite folds by compiling and running Java: an expression that fails there ({@code 1/0}
 * throws from a class initializer) is left as written, so it fails where it runs, with DuckDB's
 * error, and only if a row reaches it; a cast that writes a value as text or reads a time from
 * text is left to DuckDB, whose text is not Java's ({@link FloeRexBuilder}), and so are regular
 * expressions (DuckDB's are RE2, not java.util.regex: {@code '.*'} also matches the empty string at
 * the end). Text folded to hold a null character fails ({@link NullCharacters}).
 */
final class SafeRexExecutor implements RexExecutor {
  private final RexExecutor delegate;

  SafeRexExecutor(RexExecutor delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override public void reduce(RexBuilder rexBuilder, List<RexNode> constExps,
      List<RexNode> reducedValues) {
    if (constExps.stream().noneMatch(SafeRexExecutor::leftToDuckDb)) {
      reduceOrKeep(rexBuilder, constExps, reducedValues);
      return;
    }
    for (RexNode e : constExps) {
      if (leftToDuckDb(e)) {
        reducedValues.add(e);
      } else {
        reduceOrKeep(rexBuilder, List.of(e), reducedValues);
      }
    }
  }

  private void reduceOrKeep(RexBuilder rexBuilder, List<RexNode> constExps,
      List<RexNode> reducedValues) {
    List<RexNode> reduced = new ArrayList<>(constExps.size());
    try {
      delegate.reduce(rexBuilder, constExps, reduced);
    } catch (Exception | LinkageError | StackOverflowError e) {
      // ExceptionInInitializerError is a LinkageError; anything folding throws means "do not fold".
      reduced.clear();
      reduced.addAll(constExps);
    }
    for (RexNode value : reduced) {
      if (value instanceof RexLiteral literal) {
        NullCharacters.check(literal);
      }
    }
    reducedValues.addAll(reduced);
  }

  private static boolean leftToDuckDb(RexNode node) {
    try {
      node.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitCall(RexCall call) {
          if (call.getKind() == SqlKind.CAST && FloeRexBuilder.leftToDuckDb(
              call.getOperands().get(0).getType(), call.getType())
              || call.getOperator().getName().toUpperCase(java.util.Locale.ROOT).startsWith("REGEXP")
              || call.getKind() == SqlKind.RLIKE || call.getKind() == SqlKind.SIMILAR) {
            throw new IllegalStateException();
          }
          return super.visitCall(call);
        }
      });
      return false;
    } catch (IllegalStateException found) {
      return true;
    }
  }
}
