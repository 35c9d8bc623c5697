package com.dinsight.command.request;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.web.multipart.MultipartRequest;

/**
 * The refusal of a multipart request whose expected file part is missing or empty. It names the
 * part the endpoint reads and the parts the request did carry: a client that sent {@code files}
 * where {@code file} is read learns which name to use, and one that sent the file's name as a text
 * field ({@code curl -F file=data.csv}, without the {@code @}) is told so.
 */
public final class UploadedParts {

    private UploadedParts() {
    }

    /** @param what what the part must hold, e.g. "a non-empty CSV file" */
    public static ApiException missing(String expected, String what, HttpServletRequest request) {
        Set<String> files = request instanceof MultipartRequest multipart
                ? new TreeSet<>(multipart.getMultiFileMap().keySet()) : new TreeSet<>();
        Set<String> fields = new TreeSet<>(request.getParameterMap().keySet());
        fields.removeAll(queryParameters(request));
        String message;
        if (files.remove(expected)) {
            message = "the part '" + expected + "' is empty; " + what + " is required";
        } else if (fields.remove(expected)) {
            message = "the part '" + expected + "' is a text field, not a file; " + what + " is required";
        } else {
            message = what + " is required in the part '" + expected + "'";
        }
        Set<String> carried = new TreeSet<>(files);
        carried.addAll(fields);
        if (!carried.isEmpty()) {
            message += "; this request has " + (carried.size() == 1 ? "the part " : "the parts ")
                    + carried.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        }
        return ApiException.invalid(List.of(new FieldError(expected, message)));
    }

    private static Set<String> queryParameters(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? Set.of() : Arrays.stream(query.split("&"))
                .map(pair -> URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }
}
