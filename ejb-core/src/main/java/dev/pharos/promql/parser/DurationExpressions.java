package dev.pharos.promql.parser;

import dev.pharos.promql.ast.AggregateExpr;
import dev.pharos.promql.ast.BinaryExpr;
import dev.pharos.promql.ast.Call;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.MatrixSelector;
import dev.pharos.promql.ast.NumberLiteral;
import dev.pharos.promql.ast.ParenExpr;
import dev.pharos.promql.ast.SubqueryExpr;
import dev.pharos.promql.ast.UnaryExpr;
import dev.pharos.promql.ast.VectorSelector;

/**
 * Duration expressions (Prometheus 3 experimental): arithmetic on durations in ranges,
 * subquery steps and offsets, e.g. {@code foo[1h/2]}, {@code offset (step() * 2)}. Values are
 * seconds; step() and range() are the query's step and range.
 */
public final class DurationExpressions {
    private DurationExpressions() {
    }

    /** Null if allowed, else the offending node's description. */
    static Expr invalidNode(Expr e) {
        if (e instanceof NumberLiteral) {
            return null;
        }
        if (e instanceof ParenExpr p) {
            return invalidNode(p.expr);
        }
        if (e instanceof UnaryExpr u) {
            return invalidNode(u.expr);
        }
        if (e instanceof BinaryExpr b) {
            if (b.op.isComparison() || b.op.isSetOperator() || b.op == dev.pharos.promql.ast.BinaryOp.ATAN2) {
                return e;
            }
            Expr l = invalidNode(b.lhs);
            return l != null ? l : invalidNode(b.rhs);
        }
        if (e instanceof Call c) {
            switch (c.func.name) {
                case "step", "range" -> {
                    return null;
                }
                case "min_of", "max_of" -> {
                    Expr l = invalidNode(c.args.get(0));
                    return l != null ? l : invalidNode(c.args.get(1));
                }
                default -> {
                    return e;
                }
            }
        }
        return e;
    }

    static boolean isConstant(Expr e) {
        if (e instanceof NumberLiteral) {
            return true;
        }
        if (e instanceof ParenExpr p) {
            return isConstant(p.expr);
        }
        if (e instanceof UnaryExpr u) {
            return isConstant(u.expr);
        }
        if (e instanceof BinaryExpr b) {
            return isConstant(b.lhs) && isConstant(b.rhs);
        }
        if (e instanceof Call c) {
            return !c.func.name.equals("step") && !c.func.name.equals("range")
                    && c.args.stream().allMatch(DurationExpressions::isConstant);
        }
        return false;
    }

    /** Evaluates to seconds. */
    public static double seconds(Expr e, double stepSec, double rangeSec) {
        if (e instanceof NumberLiteral n) {
            return n.value;
        }
        if (e instanceof ParenExpr p) {
            return seconds(p.expr, stepSec, rangeSec);
        }
        if (e instanceof UnaryExpr u) {
            double v = seconds(u.expr, stepSec, rangeSec);
            return u.op == '-' ? -v : v;
        }
        if (e instanceof BinaryExpr b) {
            double l = seconds(b.lhs, stepSec, rangeSec);
            double r = seconds(b.rhs, stepSec, rangeSec);
            return switch (b.op) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> l / r;
                case MOD -> l % r;
                case POW -> Math.pow(l, r);
                default -> throw new IllegalStateException(b.op.toString());
            };
        }
        if (e instanceof Call c) {
            return switch (c.func.name) {
                case "step" -> stepSec;
                case "range" -> rangeSec;
                case "min_of" -> Math.min(seconds(c.args.get(0), stepSec, rangeSec), seconds(c.args.get(1), stepSec, rangeSec));
                case "max_of" -> Math.max(seconds(c.args.get(0), stepSec, rangeSec), seconds(c.args.get(1), stepSec, rangeSec));
                default -> throw new IllegalStateException(c.func.name);
            };
        }
        throw new IllegalStateException(e.toString());
    }

    static long toMillis(double sec) {
        return Math.round(sec * 1000);
    }

    /** Resolves durations that depend on the query's step and range, in place. */
    public static void resolve(Expr e, long stepMs, long rangeMs) {
        double st = stepMs / 1000.0;
        double rg = rangeMs / 1000.0;
        if (e instanceof VectorSelector vs) {
            if (vs.offsetExpr != null) {
                vs.offset = toMillis(seconds(vs.offsetExpr, st, rg));
            }
        } else if (e instanceof MatrixSelector ms) {
            resolve(ms.selector, stepMs, rangeMs);
            if (ms.rangeExpr != null) {
                ms.range = toMillis(seconds(ms.rangeExpr, st, rg));
                if (ms.range <= 0) {
                    throw new IllegalArgumentException("range must be greater than 0, got " + ms.rangeExpr);
                }
            }
        } else if (e instanceof SubqueryExpr sq) {
            resolve(sq.expr, stepMs, rangeMs);
            if (sq.rangeExpr != null) {
                sq.range = toMillis(seconds(sq.rangeExpr, st, rg));
            }
            if (sq.stepExpr != null) {
                sq.step = toMillis(seconds(sq.stepExpr, st, rg));
            }
            if (sq.offsetExpr != null) {
                sq.offset = toMillis(seconds(sq.offsetExpr, st, rg));
            }
        } else if (e instanceof ParenExpr p) {
            resolve(p.expr, stepMs, rangeMs);
        } else if (e instanceof UnaryExpr u) {
            resolve(u.expr, stepMs, rangeMs);
        } else if (e instanceof BinaryExpr b) {
            resolve(b.lhs, stepMs, rangeMs);
            resolve(b.rhs, stepMs, rangeMs);
        } else if (e instanceof AggregateExpr a) {
            resolve(a.expr, stepMs, rangeMs);
            if (a.param != null) {
                resolve(a.param, stepMs, rangeMs);
            }
        } else if (e instanceof Call c) {
            for (Expr x : c.args) {
                resolve(x, stepMs, rangeMs);
            }
        }
    }
}
