package dev.pharos.promql.ast;

import static dev.pharos.promql.ast.ValueType.MATRIX;
import static dev.pharos.promql.ast.ValueType.SCALAR;
import static dev.pharos.promql.ast.ValueType.STRING;
import static dev.pharos.promql.ast.ValueType.VECTOR;

import java.util.HashMap;
import java.util.Map;

/** A PromQL function's signature, as checked by the parser. */
public final class Function {
    public final String name;
    public final ValueType[] argTypes;
    /** Number of optional trailing arguments; -1 means the last type repeats without limit. */
    public final int variadic;
    public final ValueType returnType;

    private Function(String name, int variadic, ValueType returnType, ValueType... argTypes) {
        this.name = name;
        this.argTypes = argTypes;
        this.variadic = variadic;
        this.returnType = returnType;
    }

    private static final Map<String, Function> FUNCTIONS = new HashMap<>();

    private static void def(String name, int variadic, ValueType ret, ValueType... args) {
        FUNCTIONS.put(name, new Function(name, variadic, ret, args));
    }

    static {
        for (String n : new String[] {"abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "deg", "rad",
            "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
            "absent", "sort", "sort_desc", "timestamp", "histogram_count", "histogram_sum", "histogram_avg",
            "histogram_stddev", "histogram_stdvar"}) {
            def(n, 0, VECTOR, VECTOR);
        }
        for (String n : new String[] {"days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
            "month", "year"}) {
            def(n, 1, VECTOR, VECTOR);
        }
        for (String n : new String[] {"absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
            "deriv", "idelta", "increase", "irate", "last_over_time", "first_over_time", "mad_over_time",
            "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
            "stdvar_over_time", "sum_over_time", "ts_of_max_over_time", "ts_of_min_over_time",
            "ts_of_last_over_time", "ts_of_first_over_time"}) {
            def(n, 0, VECTOR, MATRIX);
        }
        def("clamp", 0, VECTOR, VECTOR, SCALAR, SCALAR);
        def("clamp_max", 0, VECTOR, VECTOR, SCALAR);
        def("clamp_min", 0, VECTOR, VECTOR, SCALAR);
        def("double_exponential_smoothing", 0, VECTOR, MATRIX, SCALAR, SCALAR);
        def("histogram_fraction", 0, VECTOR, SCALAR, SCALAR, VECTOR);
        def("histogram_quantile", 0, VECTOR, SCALAR, VECTOR);
        def("histogram_quantiles", -1, VECTOR, VECTOR, STRING, SCALAR);
        def("info", 1, VECTOR, VECTOR, VECTOR);
        def("label_replace", 0, VECTOR, VECTOR, STRING, STRING, STRING, STRING);
        def("label_join", -1, VECTOR, VECTOR, STRING, STRING, STRING);
        def("pi", 0, SCALAR);
        def("time", 0, SCALAR);
        def("step", 0, SCALAR);
        def("start", 0, SCALAR);
        def("end", 0, SCALAR);
        def("range", 0, SCALAR);
        def("predict_linear", 0, VECTOR, MATRIX, SCALAR);
        def("quantile_over_time", 0, VECTOR, SCALAR, MATRIX);
        def("round", 1, VECTOR, VECTOR, SCALAR);
        def("scalar", 0, SCALAR, VECTOR);
        def("sort_by_label", -1, VECTOR, VECTOR, STRING);
        def("sort_by_label_desc", -1, VECTOR, VECTOR, STRING);
        def("vector", 0, VECTOR, SCALAR);
        def("min_of", 0, SCALAR, SCALAR, SCALAR);
        def("max_of", 0, SCALAR, SCALAR, SCALAR);
    }

    /** The function with that name, or null. */
    public static Function get(String name) {
        return FUNCTIONS.get(name);
    }
}
