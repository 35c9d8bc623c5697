package com.dinsight.command.dataset;

import com.dinsight.api.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** What a dataset's fields may hold; each broken rule names its field. */
final class DatasetRules {

    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 100;

    private DatasetRules() {
    }

    static List<FieldError> violations(String name, boolean nameRequired, List<String> tags) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null ? nameRequired : name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name != null && name.trim().length() > 255) {
            errors.add(new FieldError("name", "must be at most 255 characters"));
        }
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                errors.add(new FieldError("tags", "must hold at most " + MAX_TAGS + " tags"));
            }
            for (int i = 0; i < tags.size(); i++) {
                String tag = tags.get(i);
                if (tag == null || tag.isBlank() || tag.length() > MAX_TAG_LENGTH) {
                    errors.add(new FieldError("tags[" + i + "]", "must be a non-empty text of at most 100 characters"));
                }
            }
        }
        return errors;
    }
}
