package com.dinsight.command.request;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.web.multipart.MultipartRequest;

/**
 * The refusal of a multipart request whose expected file part is missing or empty. It names the
 * part the endpoint reads and the parts the request did carry: a client that sent {@code files}
 * where {@code file} is read learns which name to use.
 */
public final class UploadedParts {

    private UploadedParts() {
    }

    /** @param what what the part must hold, e.g. "a non-empty CSV file" */
    public static ApiException missing(String expected, String what, HttpServletRequest request) {
        Set<String> carried = new TreeSet<>(request.getParameterMap().keySet());
        if (request instanceof MultipartRequest multipart) {
            carried.addAll(multipart.getMultiFileMap().keySet());
        }
        String message;
        if (carried.remove(expected)) {
            message = "the part '" + expected + "' is empty; " + what + " is required";
        } else {
            message = what + " is required in the part '" + expected + "'";
        }
        if (!carried.isEmpty()) {
            message += "; this request has " + (carried.size() == 1 ? "the part " : "the parts ")
                    + carried.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        }
        return ApiException.invalid(List.of(new FieldError(expected, message)));
    }
}
