package com.dinsight.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every parameter of a run: the columns of {@code config_data} (defaults are the column
 * defaults), our two additions {@code feature_scaling} and {@code detection_method}, and two
 * engine settings, {@code landmark_threshold} (rows above which the landmark method runs)
 * and {@code landmark_count} (how many landmark rows it embeds exactly).
 *
 * <p>{@code beta} is kept for compatibility with stored configurations and has no effect.
 * The constructor validates every value and throws {@link InvalidInputException} with
 * reason {@code BAD_CONFIGURATION} naming the key.
 */
public record EngineConfig(
        double gamma0,
        String optimizer,
        double alpha,
        int imax,
        int lowdim,
        double eta,
        double epsilon,
        double beta1,
        double beta2,
        double beta,
        double a,
        double w1,
        double w2,
        String whichW1,
        String mode,
        double paramMode,
        String endMeta,
        String startDim,
        String endDim,
        String featureScaling,
        String detectionMethod,
        int landmarkThreshold,
        int landmarkCount) {

    public static final String ADAM = "adam";
    public static final String SGD = "sgd";
    public static final String AUTO = "auto";
    public static final String KANADA_SAN = "kanadaSan";
    public static final String RANDOM = "random";
    public static final String STANDARD = "standard";
    public static final String NONE = "none";
    public static final String HYBRID = "hybrid";
    public static final String MAHALANOBIS = "mahalanobis";

    /** The keys {@link #with(String, String)} accepts, snake_case as in {@code config_data}. */
    public static final Set<String> KEYS = Set.of(
            "gamma0", "optimizer", "alpha", "imax", "lowdim", "eta", "epsilon", "beta1", "beta2",
            "beta", "a", "w1", "w2", "which_w1", "mode", "param_mode", "end_meta", "start_dim",
            "end_dim", "feature_scaling", "detection_method", "landmark_threshold", "landmark_count");

    public EngineConfig {
        positive("gamma0", gamma0, true);
        optimizer = oneOf("optimizer", optimizer, ADAM, SGD);
        positive("alpha", alpha, false);
        if (imax < 1) {
            throw bad("imax", "must be at least 1, was " + imax);
        }
        if (lowdim != 2) {
            throw bad("lowdim", "only 2 output dimensions are supported, was " + lowdim);
        }
        unitInterval("eta", eta);
        positive("epsilon", epsilon, false);
        unitInterval("beta1", beta1);
        unitInterval("beta2", beta2);
        finite("beta", beta);
        finite("a", a);
        positive("w1", w1, false);
        positive("w2", w2, false);
        if (whichW1 == null || whichW1.isBlank()) {
            throw bad("which_w1", "must be 'auto' or name a fixed width, was empty");
        }
        mode = oneOf("mode", mode, KANADA_SAN, RANDOM);
        positive("param_mode", paramMode, false);
        notBlank("end_meta", endMeta);
        notBlank("start_dim", startDim);
        notBlank("end_dim", endDim);
        featureScaling = oneOf("feature_scaling", featureScaling, STANDARD, NONE);
        detectionMethod = oneOf("detection_method", detectionMethod, HYBRID, MAHALANOBIS);
        if (landmarkThreshold < 3) {
            throw bad("landmark_threshold", "must be at least 3, was " + landmarkThreshold);
        }
        if (landmarkThreshold > 46_000) {
            throw bad("landmark_threshold", "must be at most 46000 (the exact method's pair index limit), was "
                    + landmarkThreshold);
        }
        if (landmarkCount < 3 || landmarkCount > 46_000) {
            throw bad("landmark_count", "must be between 3 and 46000, was " + landmarkCount);
        }
    }

    /** The {@code config_data} column defaults plus ours. */
    public static EngineConfig defaults() {
        return new EngineConfig(1e-7, ADAM, 0.1, 1000, 2, 0.5, 1e-8, 0.9, 0.999, 0.5, 0.8, 0.04, 1.0,
                AUTO, KANADA_SAN, 0.3, "participant", "f_0", "f_1023", STANDARD, HYBRID, 5000, 2000);
    }

    /** True when the kernel width is the mean normalised distance rather than {@link #w1()}. */
    public boolean autoW1() {
        return AUTO.equalsIgnoreCase(whichW1);
    }

    /** A copy with one key (snake_case, as in {@code config_data}) set from its text form. */
    public EngineConfig with(String key, String value) {
        Map<String, Object> m = toMap();
        if (!m.containsKey(key)) {
            throw new InvalidInputException(InvalidInputException.Reason.BAD_CONFIGURATION,
                    "unknown configuration key '" + key + "'; known keys: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
        }
        Object old = m.get(key);
        Object parsed;
        try {
            if (old instanceof Integer) {
                parsed = Integer.parseInt(value.trim());
            } else if (old instanceof Double) {
                parsed = Double.parseDouble(value.trim());
            } else {
                parsed = value;
            }
        } catch (NumberFormatException e) {
            throw bad(key, "is not a number: '" + value + "'");
        }
        m.put(key, parsed);
        return fromMap(m);
    }

    /** A copy with every entry of {@code settings} applied, in map order. */
    public EngineConfig with(Map<String, String> settings) {
        EngineConfig c = this;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        return c;
    }

    /** Every key and value, snake_case keys in {@code config_data} order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gamma0", gamma0);
        m.put("optimizer", optimizer);
        m.put("alpha", alpha);
        m.put("imax", imax);
        m.put("lowdim", lowdim);
        m.put("eta", eta);
        m.put("epsilon", epsilon);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("beta", beta);
        m.put("a", a);
        m.put("w1", w1);
        m.put("w2", w2);
        m.put("which_w1", whichW1);
        m.put("mode", mode);
        m.put("param_mode", paramMode);
        m.put("end_meta", endMeta);
        m.put("start_dim", startDim);
        m.put("end_dim", endDim);
        m.put("feature_scaling", featureScaling);
        m.put("detection_method", detectionMethod);
        m.put("landmark_threshold", landmarkThreshold);
        m.put("landmark_count", landmarkCount);
        return m;
    }

    /** The inverse of {@link #toMap()}; numbers may be any {@link Number}. */
    public static EngineConfig fromMap(Map<String, Object> m) {
        return new EngineConfig(d(m, "gamma0"), s(m, "optimizer"), d(m, "alpha"), i(m, "imax"), i(m, "lowdim"),
                d(m, "eta"), d(m, "epsilon"), d(m, "beta1"), d(m, "beta2"), d(m, "beta"), d(m, "a"), d(m, "w1"),
                d(m, "w2"), s(m, "which_w1"), s(m, "mode"), d(m, "param_mode"), s(m, "end_meta"), s(m, "start_dim"),
                s(m, "end_dim"), s(m, "feature_scaling"), s(m, "detection_method"), i(m, "landmark_threshold"),
                i(m, "landmark_count"));
    }

    private static Object get(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            v = defaults().toMap().get(key);
        }
        return v;
    }

    private static double d(Map<String, Object> m, String key) {
        Object v = get(m, key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, "is not a number: '" + v + "'");
        }
    }

    private static int i(Map<String, Object> m, String key) {
        Object v = get(m, key);
        if (v instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw bad(key, "must be a whole number, was " + v);
            }
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, "is not a whole number: '" + v + "'");
        }
    }

    private static String s(Map<String, Object> m, String key) {
        return get(m, key).toString();
    }

    private static InvalidInputException bad(String key, String message) {
        return new InvalidInputException(InvalidInputException.Reason.BAD_CONFIGURATION,
                "configuration " + key + " " + message, null, 0, key);
    }

    private static void finite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw bad(key, "must be a finite number, was " + v);
        }
    }

    private static void positive(String key, double v, boolean zeroAllowed) {
        finite(key, v);
        if (v < 0 || (!zeroAllowed && v == 0)) {
            throw bad(key, "must be " + (zeroAllowed ? "at least 0" : "greater than 0") + ", was " + v);
        }
    }

    private static void unitInterval(String key, double v) {
        finite(key, v);
        if (v < 0 || v >= 1) {
            throw bad(key, "must be in [0, 1), was " + v);
        }
    }

    private static void notBlank(String key, String v) {
        if (v == null || v.isBlank()) {
            throw bad(key, "must name a column, was empty");
        }
    }

    private static String oneOf(String key, String v, String... allowed) {
        if (v != null) {
            for (String a : allowed) {
                if (a.toLowerCase(Locale.ROOT).equals(v.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
        }
        throw bad(key, "must be one of " + String.join(", ", allowed) + ", was '" + v + "'");
    }
}
