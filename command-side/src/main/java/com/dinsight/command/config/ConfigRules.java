package com.dinsight.command.config;

import com.dinsight.api.config.ConfigChange;
import com.dinsight.api.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules an editable configuration field must follow; each broken rule names its field. */
final class ConfigRules {

    static final int MAX_COLUMN_NAME_LENGTH = 255;
    static final double MAX_ALPHA = 10;
    private static final Set<String> OPTIMIZERS = Set.of("adam", "sgd");
    private static final Set<String> FEATURE_SCALINGS = Set.of("standard", "none");
    private static final Set<String> DETECTION_METHODS = Set.of("hybrid", "mahalanobis");

    private ConfigRules() {
    }

    static List<FieldError> violations(ConfigChange change) {
        List<FieldError> errors = new ArrayList<>();
        if (change == null || isEmpty(change)) {
            errors.add(new FieldError("body", "names none of the editable fields: gamma0, optimizer, "
                    + "alpha, end_meta, start_dim, end_dim, feature_scaling, detection_method"));
            return errors;
        }
        if (change.gamma0() != null && !(change.gamma0() > 0 && Double.isFinite(change.gamma0()))) {
            errors.add(new FieldError("gamma0", "must be a finite number greater than 0"));
        }
        if (change.alpha() != null && !(change.alpha() > 0 && change.alpha() <= MAX_ALPHA)) {
            errors.add(new FieldError("alpha", "must be greater than 0 and at most 10"));
        }
        oneOf(errors, "optimizer", change.optimizer(), OPTIMIZERS);
        oneOf(errors, "feature_scaling", change.featureScaling(), FEATURE_SCALINGS);
        oneOf(errors, "detection_method", change.detectionMethod(), DETECTION_METHODS);
        columnName(errors, "end_meta", change.endMeta());
        columnName(errors, "start_dim", change.startDim());
        columnName(errors, "end_dim", change.endDim());
        return errors;
    }

    private static boolean isEmpty(ConfigChange c) {
        return c.gamma0() == null && c.optimizer() == null && c.alpha() == null && c.endMeta() == null
                && c.startDim() == null && c.endDim() == null && c.featureScaling() == null
                && c.detectionMethod() == null;
    }

    private static void oneOf(List<FieldError> errors, String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + allowed.stream().sorted().toList()
                    + ", was '" + value + "'"));
        }
    }

    private static void columnName(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must name a column, was empty"));
        } else if (value.length() > MAX_COLUMN_NAME_LENGTH) {
            errors.add(new FieldError(field, "must be at most 255 characters, was " + value.length()));
        }
    }
}
